"""nnfs_lib: the tested NumPy library behind "Neural Networks From Scratch".

One small module per idea; each chapter of the book shows the code it uses
from here with ``literalinclude`` and calls it.
"""

__version__ = "0.1.0"
