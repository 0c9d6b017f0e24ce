"""Sub-commands of ``yalta`` that live with their own feature; see ``game.cli``."""
