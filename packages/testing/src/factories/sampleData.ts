// Realistic sample values factories draw from.
export const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Katherine', 'Linus', 'Margaret', 'Dennis'] as const;
export const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie'] as const;
export const US_STATES = ['CA', 'TX', 'FL', 'NY', 'IL', 'PA', 'OH', 'GA', 'NC', 'MI', 'AZ', 'WA'] as const;
export const WORDS = ['ledger', 'harbor', 'signal', 'meadow', 'vector', 'orbit', 'lantern', 'canvas', 'summit', 'prairie', 'beacon', 'quartz'] as const;
