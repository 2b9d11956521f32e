"""The lesson: a sentence as a (words, D) matrix, Conv1D over it, and its Conv2D twins."""
