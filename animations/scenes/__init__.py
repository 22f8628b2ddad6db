"""One module per animation; each defines a Manim scene class called ``Animation``."""
