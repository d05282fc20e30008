"""Configuration from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_DEFAULT_API = "https://api.telegram.org"
# BotFather hands out "<bot id>:<35 url-safe characters>".
_TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
# Telegram's rule for setWebhook's secret_token.
_WEBHOOK_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


class ConfigError(Exception):
    """Bad configuration: the message is one sentence naming the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    database_path: Path = Path("data/bot.sqlite3")
    seeds_dir: Path = Path("seeds")
    telegram_api_url: str = TELEGRAM_DEFAULT_API
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = 8080
    webhook_secret: SecretStr | None = None
    redis_url: str | None = None

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token_shape(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value.get_secret_value() if isinstance(value, SecretStr) else value).strip()
        if not _TOKEN_SHAPE.match(text):
            # Never echo the value: it is a secret even when malformed.
            raise ValueError("it does not look like a token from @BotFather (digits:letters)")
        return text

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if value is None:
            return frozenset()
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("expected comma-separated numeric Telegram user ids") from None
        return value

    @field_validator("redis_url", "webhook_secret", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value is None or not str(value).strip() else value

    @field_validator("webhook_secret", mode="after")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _WEBHOOK_SECRET_SHAPE.match(value.get_secret_value()):
            # Never echo the value: it is a secret.
            raise ValueError("expected 1-256 characters from A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("redis_url", mode="after")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        if value is not None and not value.strip().startswith(_REDIS_SCHEMES):
            raise ValueError("expected a redis://, rediss:// or unix:// URL")
        return value.strip() if value is not None else None

    @field_validator("webhook_port", mode="after")
    @classmethod
    def _port_range(cls, value: int) -> int:
        if not 0 <= value <= 65535:
            raise ValueError("expected a port from 1 to 65535 (0: any free port)")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _known_level(cls, value: object) -> object:
        level = str(value).strip().upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError("expected DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("telegram_api_url", "webhook_url", mode="before")
    @classmethod
    def _http_url(cls, value: object, info: ValidationInfo) -> object:
        if value is None or not str(value).strip():
            return TELEGRAM_DEFAULT_API if info.field_name == "telegram_api_url" else None
        text = str(value).strip().rstrip("/")
        if not re.match(r"^https?://[^\s/]+", text):
            raise ValueError("expected an http:// or https:// URL")
        try:
            # A port out of range passes the pattern, then fails every request with the
            # whole URL (token included) in aiohttp's error: refuse it here instead.
            valid = urlsplit(text).port != 0
        except ValueError:
            valid = False
        if not valid:
            raise ValueError("expected an http:// or https:// URL with a port from 1 to 65535")
        return text

    @property
    def token(self) -> str | None:
        return self.bot_token.get_secret_value() if self.bot_token else None


def load_settings(**overrides: object) -> Settings:
    """Settings, or ConfigError with one sentence naming the bad variable."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "configuration"
        reason = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{name} is invalid: {reason}.") from None
    return settings


def check_database_path(path: Path) -> None:
    """Fail early, with the variable named, when the database cannot be created where asked."""
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"DATABASE_PATH is not usable: cannot create the folder {parent} ({exc.strerror})."
        ) from None
    if path.exists() and path.is_dir():
        raise ConfigError(f"DATABASE_PATH points at a folder, not a file: {path}.")
