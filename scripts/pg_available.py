"""Exit 0 when PostgreSQL answers at the URL given as $1; otherwise say why and exit 1."""

import sys

import psycopg


def main() -> int:
    url = sys.argv[1]
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(f"PostgreSQL does not answer at {url} ({reason}).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
