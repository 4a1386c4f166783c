"""The Cards screen: spaced-repetition review and the card browser (see gdgame.study)."""
