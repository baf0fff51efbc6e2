/** A lead's answers to the qualification quiz (`leads.quiz_answers`), keyed by question id. */
export type QuizAnswers = Record<string, string | number | boolean | string[]>;
