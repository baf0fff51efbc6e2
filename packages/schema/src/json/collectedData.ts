/** What the product-helper assistant has collected about a project (`projects.collected_data`). */
export interface CollectedData {
  actors?: Array<{ name: string; type: string }>;
  useCases?: string[];
  boundaries?: string[];
  entities?: Array<{ name: string; attributes: string[] }>;
}
