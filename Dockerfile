# The forum bot in one image: the package, the seeds baked in, the SQLite file on a volume.
#   docker build -t forum-bot .
#   docker run -d --name forum-bot -e BOT_TOKEN=123456789:AAE... -v forum-bot-data:/app/data forum-bot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_PATH=/app/data/bot.sqlite3 \
    SEEDS_DIR=/app/seeds

WORKDIR /app

# The project itself, without the dev extras: only what `python -m bot run` imports.
# pyproject.toml names README.md as the readme, so the build needs it too.
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install . && rm -rf build *.egg-info

# The corpus: loaded into the database on first start (and on /reload).
COPY seeds ./seeds

# A fixed, unprivileged user; the data folder is its own so the volume starts out writable.
RUN useradd --system --uid 10001 --home-dir /app --no-create-home bot \
    && mkdir -p /app/data \
    && chown bot:bot /app/data
USER bot

VOLUME ["/app/data"]

CMD ["python", "-m", "bot", "run"]
