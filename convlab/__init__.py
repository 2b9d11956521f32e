"""convlab: text-CNN convolution, computed live and checked three ways."""
