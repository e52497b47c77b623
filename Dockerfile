# The treatygraph API for docker-compose.yml: seeds Neo4j (NEO4J_URI), then serves.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The runtime dependencies pinned in pyproject.toml (not the dev extras), in their own
# layer so code changes do not reinstall them. The project itself runs from /app, the
# way `make run` runs it from the repository root (pyproject.toml: never a wheel).
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

RUN useradd --system --uid 10001 treatygraph
USER treatygraph

EXPOSE 8000

# Load the seed data (validated first; MERGE, so a restart is safe), then serve the
# way `make run` does: `python -m server serve` (not bare `uvicorn server:app`) gives
# every connection the header and body deadlines and the connection cap.
CMD ["sh", "-c", "python -m seeds.loader && export API_HOST=\"${API_HOST:-0.0.0.0}\" && exec python -m server serve"]
