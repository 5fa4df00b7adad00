"""Writes the hostile inputs of Tests/Fixtures/hostile/ that are too large to build inside a test.

keras_bomb.keras: a ZIP archive whose config.json, 100 MiB of spaces, is deflated to about 100 KB
(a ZIP bomb; its header states the true size, which is over the reader's limit). The tests make a
variant that understates the size, so that the inflation itself must stop.

Run with any Python 3: python3 Scripts/make_hostile_fixtures.py
"""

import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "hostile")


def main():
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "keras_bomb.keras")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("metadata.json", '{"keras_version": "3.15.1"}')
        archive.writestr("config.json", b" " * (100 * 1024 * 1024))
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
