FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# The image serves the static files it collects below, by their hashed names
# (manifest): collectstatic and the running server must use the same storage, so it
# is set here, for the build and for every container, not only in docker-compose.yml.
ENV STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage \
    WHITENOISE_USE_FINDERS=false
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
      fonts-liberation2 fonts-dejavu-core gettext poppler-utils curl \
      gcc libc6-dev libldap2-dev libsasl2-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN pip install --no-deps -e . \
 && SECRET_KEY=build-only python manage.py compilemessages -v0 \
 && SECRET_KEY=build-only python manage.py collectstatic --noinput -v0

RUN useradd --create-home --uid 1000 ims && mkdir -p /app/media /app/var && chown -R ims /app/media /app/var
USER ims
EXPOSE 8000
CMD ["gunicorn", "ims.wsgi"]
