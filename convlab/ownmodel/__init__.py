"""Your model: any Keras model's Conv1D layers, their shapes explained and activations labelled."""
