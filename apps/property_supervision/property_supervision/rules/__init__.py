"""Rules that need no database: pure functions the controllers call, each with unit tests."""
