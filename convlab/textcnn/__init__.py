"""The trained text CNN: Kim (2014)'s model on MR or a table, and what its filters learned."""
