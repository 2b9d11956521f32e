# convlab in one container: one Streamlit process, the repo's .streamlit/config.toml.
# For a class, run several behind a proxy with session affinity (README, "Deploying for a class").
#   docker build -t convlab . && docker run --rm -p 8501:8501 convlab
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    CONVLAB_CACHE=/var/cache/convlab

WORKDIR /app
# Dependencies first, so a code change does not reinstall TensorFlow.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
RUN useradd --create-home --uid 10001 convlab \
    && mkdir -p "$CONVLAB_CACHE" && chown convlab "$CONVLAB_CACHE"
USER convlab

EXPOSE 8501
# Streamlit's own health check; the slim image has no curl, so Python asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u, sys; sys.exit(u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]
