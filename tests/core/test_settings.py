"""Settings come from the environment; production refuses unsafe defaults."""

import json
import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "SAMSPILL_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-tests-only-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "hub.example.org",
    "EMAIL_URL": "smtp+tls://user:password@smtp.example.org:587",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_samspill(*args, env_overrides=None, unset=()):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", *unset)}
    env.update(env_overrides or {})
    for name in unset:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "samspill.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_samspill(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL"])
def test_production_refuses_to_start_without_required_settings(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_samspill("check", env_overrides=env, unset=(missing,))
    assert result.returncode != 0
    assert missing in result.stderr


def test_unknown_environment_name_is_refused():
    result = run_samspill("check", env_overrides={"SAMSPILL_ENV": "staging"})
    assert result.returncode != 0
    assert "SAMSPILL_ENV" in result.stderr


def read_settings(env_overrides, *expressions, unset=()):
    """Evaluate expressions over `s` (django.conf.settings) in a fresh process with this
    environment; returns their values as Python literals."""
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps([{', '.join(expressions)}]))"
    )
    result = run_samspill("shell", "-v", "0", "-c", code, env_overrides=env_overrides, unset=unset)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_values():
    assert read_settings(
        PRODUCTION_ENV,
        "s.DEBUG",
        "s.SESSION_COOKIE_SECURE",
        "s.CSRF_COOKIE_SECURE",
        "s.SECURE_SSL_REDIRECT",
        "s.SECURE_HSTS_SECONDS > 0",
        "s.REQUIRE_ADMIN_MFA",
        "s.EMAIL_BACKEND",
        "s.TASKS['default']['BACKEND']",
    ) == [
        False,
        True,
        True,
        True,
        True,
        True,
        "django.core.mail.backends.smtp.EmailBackend",
        "django_tasks_db.DatabaseBackend",
    ]


def test_redis_url_moves_cache_and_sessions_to_redis():
    env = {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    assert read_settings(env, "s.CACHES['default']['BACKEND']", "s.SESSION_ENGINE") == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cache",
    ]


def test_postgres_database_url_is_understood():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://samspill@db.internal:5432/hub"}
    database = "s.DATABASES['default']"
    assert read_settings(
        env, f"{database}['ENGINE']", f"{database}['NAME']", f"{database}['HOST']"
    ) == [
        "django.db.backends.postgresql",
        "hub",
        "db.internal",
    ]


@pytest.mark.parametrize(
    ("variable", "url", "client", "extra"),
    [
        ("DATABASE_URL", "postgres://samspill@db.internal:5432/hub", "psycopg", "[postgres]"),
        ("REDIS_URL", "redis://127.0.0.1:6379/0", "redis", "[redis]"),
    ],
)
def test_a_missing_client_for_the_configured_service_names_the_extra(variable, url, client, extra):
    """psycopg and redis come with extras: a URL that needs one that is missing says which."""
    code = f"import sys; sys.modules[{client!r}] = sys.modules['psycopg2'] = None; import django; django.setup()"
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="samspill.settings")
    env[variable] = url
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert f"samspill{extra}" in result.stderr


S3_ENV = {
    "S3_BUCKET": "samspill-media",
    "S3_ENDPOINT_URL": "https://s3.example.net",
    "S3_REGION": "eu-north-1",
    "S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "S3_SECRET_ACCESS_KEY": "not-a-real-secret",
    "S3_CUSTOM_DOMAIN": "media.hub.example.org",
}


def test_an_s3_bucket_moves_media_to_object_storage(tmp_path):
    """With S3_BUCKET and friends, the default storage is django-storages' S3Storage (stand-ins
    for storages and boto3 here, which the development install lacks) and the app no longer
    serves /media/."""
    for package in ("storages", "storages/backends", "boto3"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "storages/backends/s3.py").write_text(
        "from django.core.files.storage import Storage\n"
        "class S3Storage(Storage):\n"
        "    def __init__(self, **options):\n"
        "        self.options = options\n"
    )
    env = {
        **PRODUCTION_ENV,
        **S3_ENV,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    backend, options, serve_media, static = read_settings(
        env,
        "s.STORAGES['default']['BACKEND']",
        "s.STORAGES['default']['OPTIONS']",
        "s.SERVE_MEDIA",
        "s.STORAGES['staticfiles']['BACKEND']",
    )
    assert backend == "storages.backends.s3.S3Storage"
    assert options == {
        "bucket_name": "samspill-media",
        "endpoint_url": "https://s3.example.net",
        "region_name": "eu-north-1",
        "access_key": "AKIAEXAMPLE",
        "secret_key": "not-a-real-secret",
        "custom_domain": "media.hub.example.org",
        "location": "",
        "querystring_auth": True,
        "querystring_expire": 3600,
        "file_overwrite": False,
    }
    assert serve_media is False
    assert static == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    # AWS's own variable names work too, and SERVE_MEDIA can still be forced.
    env = {
        **PRODUCTION_ENV,
        "AWS_STORAGE_BUCKET_NAME": "aws-bucket",
        "AWS_ACCESS_KEY_ID": "AKIAOTHER",
        "SERVE_MEDIA": "true",
        "PYTHONPATH": env["PYTHONPATH"],
    }
    options, serve_media = read_settings(
        env, "s.STORAGES['default']['OPTIONS']", "s.SERVE_MEDIA", unset=tuple(S3_ENV)
    )
    assert (options["bucket_name"], options["access_key"], serve_media) == (
        "aws-bucket",
        "AKIAOTHER",
        True,
    )


def test_without_a_bucket_media_stay_on_the_file_system():
    backend, serve_media = read_settings(
        PRODUCTION_ENV,
        "s.STORAGES['default']['BACKEND']",
        "s.SERVE_MEDIA",
        unset=(*S3_ENV, "AWS_STORAGE_BUCKET_NAME"),
    )
    assert (backend, serve_media) == ("django.core.files.storage.FileSystemStorage", True)


def test_an_s3_bucket_without_django_storages_names_the_extra():
    code = "import sys; sys.modules['storages'] = None; import django; django.setup()"
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(PRODUCTION_ENV, **S3_ENV, DJANGO_SETTINGS_MODULE="samspill.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "S3_BUCKET" in result.stderr and "samspill[s3]" in result.stderr


def test_development_keeps_a_generated_secret_key_under_var(tmp_path):
    env = {"SAMSPILL_ENV": "development", "SAMSPILL_VAR_DIR": str(tmp_path)}
    first = read_settings(env, "s.SECRET_KEY", unset=("SECRET_KEY",))
    second = read_settings(env, "s.SECRET_KEY", unset=("SECRET_KEY",))
    assert first == second
    assert (tmp_path / "secret_key").read_text().strip() == first[0]
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_connections_persist_on_sqlite_and_postgresql():
    sqlite = {**PRODUCTION_ENV, "DATABASE_URL": "sqlite:////tmp/samspill-settings-test.sqlite3"}
    postgres = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://samspill@db.internal:5432/hub"}
    database = "s.DATABASES['default']"
    ages = [f"{database}['CONN_MAX_AGE']", f"{database}['CONN_HEALTH_CHECKS']"]
    assert read_settings(sqlite, *ages, unset=("CONN_MAX_AGE",)) == [600, True]
    assert read_settings(postgres, *ages, unset=("CONN_MAX_AGE",)) == [60, True]
    assert read_settings({**sqlite, "CONN_MAX_AGE": "0"}, *ages) == [0, True]


@pytest.mark.django_db(transaction=True)
def test_every_new_sqlite_connection_gets_the_pragmas():
    """A persistent connection is opened less often, but each new one still runs the PRAGMAs."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    for _ in range(2):
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 1  # NORMAL
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"


def test_a_request_keeps_its_connection_and_closes_an_obsolete_one(transactional_db):
    """What a server does per request (request_started / request_finished): a connection younger
    than CONN_MAX_AGE serves the next request; one past it, or broken, is closed."""
    from django.core.signals import request_finished, request_started
    from django.db import connection

    if connection.settings_dict["CONN_MAX_AGE"] == 0:
        pytest.skip("CONN_MAX_AGE=0 in this environment")
    request_started.send(sender=None)
    connection.ensure_connection()
    opened = connection.connection
    request_finished.send(sender=None)
    request_started.send(sender=None)
    assert connection.connection is opened
    connection.close_at = 0  # past its age
    request_finished.send(sender=None)
    assert connection.connection is None


def test_oidc_provider_is_configured_from_the_environment():
    env = {
        "SAMSPILL_ENV": "development",
        "OIDC_CLIENT_ID": "samspill",
        "OIDC_CLIENT_SECRET": "s3cret",
        "OIDC_PROVIDER_ID": "idporten",
        "OIDC_NAME": "ID-porten",
        "OIDC_SERVER_URL": "https://idporten.example/.well-known/openid-configuration",
        "OIDC_ACR_VALUES": "idporten-loa-substantial",
    }
    app = "s.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'][0]"
    assert read_settings(
        env,
        f"{app}['provider_id']",
        f"{app}['settings']['server_url']",
        f"{app}['settings']['auth_params']['acr_values']",
        "s.SOCIALACCOUNT_PROVIDERS['openid_connect']['OAUTH_PKCE_ENABLED']",
    ) == [
        "idporten",
        "https://idporten.example/.well-known/openid-configuration",
        "idporten-loa-substantial",
        True,
    ]


def _redis_reachable() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_cache_and_sessions_work_against_a_real_redis():
    env = {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/15"}
    code = (
        "import json; from django.core.cache import cache;"
        "from django.contrib.sessions.backends.cache import SessionStore;"
        "cache.set('samspill-test', 'ok', 30); session = SessionStore(); session['n'] = 1;"
        "session.save(); again = SessionStore(session.session_key);"
        "print(json.dumps([cache.get('samspill-test'), again['n']]));"
        "cache.delete('samspill-test'); session.delete()"
    )
    result = run_samspill("shell", "-v", "0", "-c", code, env_overrides=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["ok", 1]
