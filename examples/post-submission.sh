#!/usr/bin/env bash
# Posts the example submission to a running service (README.md). Usage: examples/post-submission.sh [base-url]
cd "$(dirname "$0")" && curl -sS -i -F "submission=@submission.json;type=application/json" -F "file=@manuscript.pdf;type=application/pdf" "${1:-http://localhost:8080}/api/submissions"
