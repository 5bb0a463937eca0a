"""Settings come from the environment; production refuses unsafe defaults."""

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


def test_production_settings_values():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.REQUIRE_ADMIN_MFA, s.EMAIL_BACKEND.endswith('smtp.EmailBackend'),"
        " s.TASKS['default']['BACKEND'])"
    )
    result = run_samspill("shell", "-v", "0", "-c", code, env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "True",
        "True",
        "django_tasks_db.DatabaseBackend",
    ]


def test_redis_url_moves_cache_and_sessions_to_redis():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    result = run_samspill(
        "shell",
        "-v",
        "0",
        "-c",
        code,
        env_overrides={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cache",
    ]


def test_postgres_database_url_is_understood():
    code = "from django.conf import settings as s; d = s.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'])"
    result = run_samspill(
        "shell",
        "-v",
        "0",
        "-c",
        code,
        env_overrides={
            **PRODUCTION_ENV,
            "DATABASE_URL": "postgres://samspill@db.internal:5432/hub",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "hub", "db.internal"]


def test_development_keeps_a_generated_secret_key_under_var(tmp_path):
    code = "from django.conf import settings as s; print(s.SECRET_KEY)"
    env = {"SAMSPILL_ENV": "development", "SAMSPILL_VAR_DIR": str(tmp_path)}
    first = run_samspill("shell", "-v", "0", "-c", code, env_overrides=env, unset=("SECRET_KEY",))
    second = run_samspill("shell", "-v", "0", "-c", code, env_overrides=env, unset=("SECRET_KEY",))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert (tmp_path / "secret_key").read_text().strip() == first.stdout.strip()
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


def test_oidc_provider_is_configured_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "a = s.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'][0];"
        "print(a['provider_id'], a['settings']['server_url'], a['settings']['auth_params']['acr_values'])"
    )
    env = {
        "SAMSPILL_ENV": "development",
        "OIDC_CLIENT_ID": "samspill",
        "OIDC_CLIENT_SECRET": "s3cret",
        "OIDC_PROVIDER_ID": "idporten",
        "OIDC_NAME": "ID-porten",
        "OIDC_SERVER_URL": "https://idporten.example/.well-known/openid-configuration",
        "OIDC_ACR_VALUES": "idporten-loa-substantial",
    }
    result = run_samspill("shell", "-v", "0", "-c", code, env_overrides=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "idporten",
        "https://idporten.example/.well-known/openid-configuration",
        "idporten-loa-substantial",
    ]
