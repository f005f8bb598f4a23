"""The offline router as it was before the understanding layer, frozen (code, examples and their
embeddings) so that the chat benchmark can score today's router against it in the same run."""
