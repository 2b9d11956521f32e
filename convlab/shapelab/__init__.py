"""The Shape lab: any Conv1D/Conv2D layer's shapes from the formulas, checked against Keras."""
