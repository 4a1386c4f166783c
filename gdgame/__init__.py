"""gdgame: a desktop study game about gradient descent and the learning rate."""

__version__ = "0.1.0"
