FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=boks.settings.production

RUN useradd --create-home --uid 1000 boks
WORKDIR /app

COPY requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/prod.txt

COPY . .
# collectstatic needs settings but no real secrets or services.
RUN SECRET_KEY=collectstatic REDIS_URL=redis://unused:6379/0 python manage.py collectstatic --noinput

USER boks
EXPOSE 8000
CMD ["gunicorn", "boks.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
