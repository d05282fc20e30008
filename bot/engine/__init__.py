"""The answer engine: plain functions and data, free of Telegram.

`Engine.answer(question, context)` is the one code path behind Telegram, `chat` and `ask`.
"""
