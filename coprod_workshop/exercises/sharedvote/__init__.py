"""Parts shared by the votes taken on the shared screen (``turns``): the ladder and the
six-elements self-assessment. Not an exercise kind of its own."""
