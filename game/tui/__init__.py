"""The Textual game: main menu, new game, the game screen, hand-over, end screen, saves."""
