// What turns papers and queries into vectors for semantic search: the offline LSA model trained on
// the hub's own abstracts (lsa-*.ts) or an external OpenAI-compatible /v1/embeddings provider.
// Vectors are unit length, so a dot product is their cosine similarity.

export interface EmbeddableDocument {
  title: string;
  abstract: string;
}

export interface Embedder {
  /**
   * Identity of the model stored with every vector (e.g. `lsa-256-3f9a…` or `openai:nomic-embed-text`):
   * vectors of different models are never compared, and a new model means re-embedding.
   */
  readonly modelKey: string;
  readonly dims: number;
  /** One unit-length vector per document, in order. */
  embedDocuments(documents: EmbeddableDocument[]): Promise<Float32Array[]>;
  /** A unit-length vector for a search query (models may embed queries differently from documents). */
  embedQuery(text: string): Promise<Float32Array>;
}
