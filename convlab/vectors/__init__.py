"""Word vectors: the built-in sets, users' files and gensim-data, loaded without unpickling."""
