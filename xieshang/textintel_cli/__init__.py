"""Management commands that expose xieshang.textintel.cli through the xieshang console script."""
