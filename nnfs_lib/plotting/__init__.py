"""Plotting helpers for the book's figures. The only part of nnfs_lib that imports matplotlib."""
