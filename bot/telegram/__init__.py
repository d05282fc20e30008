"""The Telegram front end: aiogram routers that translate between Telegram and the engine."""
