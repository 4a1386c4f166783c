"""Every PySide6 / pyqtgraph widget of gdgame: thin views over the Qt-free core."""
