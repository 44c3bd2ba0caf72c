#!/bin/sh
# Prints the path of a Python >= 3.12 (Django 6 needs it). Order: $WALLETDESK_PYTHON,
# interpreters on PATH, pyenv's versions, then one that uv has installed or can install.
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
for p in "${WALLETDESK_PYTHON:-}" python3.13 python3.12 python3 \
         "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    [ -n "$p" ] || continue
    path=$(command -v "$p" 2>/dev/null) || continue
    if ok "$path"; then echo "$path"; exit 0; fi
done
if [ -n "${UV:-}" ] && "$UV" python install 3.12 >/dev/null 2>&1; then
    "$UV" python find 3.12 && exit 0
fi
echo "no Python >= 3.12 found: install one or set WALLETDESK_PYTHON" >&2
exit 1
