"""The Learn screen: the lesson as a conversation, summaries, chapters and memory aids."""
