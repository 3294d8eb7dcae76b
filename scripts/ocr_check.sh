#!/usr/bin/env bash
# OCR end to end (slow: minutes under load). A scanned rendition of a sample
# (make fixtures) must score `overall` within 0.15 of its text rendition, and
# the real scan in ../shared/scans must give its title, issuer and an OCR
# diagnostic. Needs tesseract-ocr, tesseract-ocr-chi-sim and poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
FIX=${FIXTURES:-out-fixtures}
NAME=${OCR_SAMPLE:-003_2d8cf891e2a8f1d9}
T=${OCR_TIMEOUT:-900s}
score() { python3 "$SHARED/eval/score.py" --db "$1/policy.db" --gold "$SHARED/eval/gold-renditions" --file "$NAME.pdf" | tail -1; }
rm -rf "$FIX/out-text" "$FIX/out-scan" "$FIX/out-real"
./bin/policyx run -q -o "$FIX/out-text" "$FIX/text"
./bin/policyx run -q -timeout "$T" -o "$FIX/out-scan" "$FIX/scan" || true
text=$(score "$FIX/out-text"); scan=$(score "$FIX/out-scan")
echo "text: $text"; echo "scan: $scan"
ok=0
python3 - "$text" "$scan" <<'PY' || ok=1
import re, sys
t, s = (float(re.search(r"overall=([0-9.]+)", a).group(1)) for a in sys.argv[1:3])
print(f"overall text {t:.3f}, scan {s:.3f}, difference {t-s:.3f} (at most 0.15)")
sys.exit(0 if t - s <= 0.15 else 1)
PY
if [ -d "$SHARED/scans" ]; then
  ./bin/policyx run -q -timeout "$T" -o "$FIX/out-real" "$SHARED/scans" || true
  sqlite3 "$FIX/out-real/policy.db" "select status, title, issuer, error from documents" | tee "$FIX/real.txt"
  grep -q '^partial|[^|]*农机购置与应用补贴[^|]*|农业农村部办公厅|.*OCR: pages' "$FIX/real.txt" || { echo "real scan: title, issuer or OCR diagnostic missing"; ok=1; }
fi
exit $ok
