"""The typed vocabulary shared by every layer: Rubric, Assessment, Report."""
