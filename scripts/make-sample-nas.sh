#!/usr/bin/env bash
# make-sample-nas.sh: regenerate samples/nas/, the sample NAS share.
#
# What: a small tree that looks like a NAS share of poker broadcast videos,
#   named the way editors really name them (see
#   docs/contracts/parsed-metadata.md and its examples): brand folders,
#   years and events carried by folders, Korean words, buy-ins with currencies,
#   final tables, a few names nobody can parse, and the junk a Synology or a Mac
#   leaves behind (.DS_Store, Thumbs.db, @eaDir/, #recycle/, a notes.txt).
#   Every video is a REAL, tiny, playable file: H.264 (yuv420p) + AAC in
#   MP4/MOV/MKV, 320x180, 2-6 s, at 25, 30000/1001 or 60 frames per second,
#   built from ffmpeg's lavfi test sources (testsrc2 / smptebars + a sine tone),
#   with the file's own path drawn on the frame when a font is available.
#   The one MXF holds H.264 + 48 kHz PCM (the MXF muxer takes no AAC).
#
# Why: Block A's scanner, filename parser and media probe (ffprobe) are tested
#   against these files, and developers can point a local stack at them. The
#   generated files are committed; this script exists so they can be rebuilt or
#   changed on purpose, not by hand.
#
# How: scripts/make-sample-nas.sh [output-dir]      (default: samples/nas)
#   Needs ffmpeg (Debian: apt-get install ffmpeg) and perl. It deletes and
#   rewrites the output directory. The output is deterministic for a given
#   ffmpeg/x264 build: bit-exact muxing, no metadata, single-threaded x264,
#   SEI (which carries x264's version string) stripped, fixed tones per file.
#   The path label uses DejaVu Sans (override: SAMPLE_NAS_FONT=/path/font.ttf,
#   or SAMPLE_NAS_FONT=none for no text); without that font the frames carry
#   no text, so the bytes differ from the committed ones. DejaVu has no Hangul,
#   so Korean letters are drawn as '?'.
#   Edit the VIDEOS table below to add or change a file.
set -euo pipefail

cd "$(dirname "$0")/.."

OUT=${1:-samples/nas}
FONT=${SAMPLE_NAS_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}

log() { printf '==> %s\n' "$*"; }

# <relative path>|<pattern: testsrc2 or smptebars>|<frame rate>|<seconds>|<mov timecode, optional>
# The container follows the extension (.mp4, .mov/.MOV, .mkv, .mxf).
VIDEOS=$(
  cat <<'EOF'
WSOP/2023/Event 43/Day2_Part1.mp4|testsrc2|30000/1001|4|
WSOP/2023/Event 43/Day2_Part2.mp4|smptebars|30000/1001|3|
WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4|testsrc2|30000/1001|5|
WSOP/2023/WSOP 2023 - Event #43 - $50,000 Poker Players Championship - Day 2 - Part 1.mp4|smptebars|30000/1001|4|
WSOP/2023/WSOP2023_E76_MainEvent_D7_FT_Part2.mov|smptebars|30000/1001|3|
WSOP/2023/WSOP 2023 메인이벤트 1일차 파트2.mp4|testsrc2|60|2|
WSOP/2024/WSOP_2024_메인이벤트_파이널테이블_파트1.mp4|smptebars|60|3|
WSOP/2021/wsop_2021_me_d1b_pt3.mp4|testsrc2|25|2|
WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4|testsrc2|25|4|
WSOP Europe/WSOP Europe 2022 €10,350 Main Event Final Table.mp4|smptebars|25|6|
WSOP Paradise/WSOP_Paradise_2023_Super_Main_Event_Day1A.mp4|testsrc2|30000/1001|3|
WPT/Season 12/World Poker Tour Season 12 Episode 5.mp4|smptebars|30000/1001|5|
WPT/WPT_S21_E05_Seminole_Hard_Rock_Final_Table.mp4|testsrc2|30000/1001|2|
WPT/WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf|smptebars|25|2|
EPT/2023 Barcelona/EPT_Barcelona_2023_Main_Event_Day5_Part2.mp4|testsrc2|25|3|
EPT/EPT Prague 2022 €5,300 Main Event Final Table.mp4|smptebars|25|4|
EPT/EPT_Paris_2024_Main_Event_Final_Day_Part1.mp4|testsrc2|25|2|
Triton/Triton_SHR_Montenegro_2023_Event_5_$200K_Day2.mp4|smptebars|25|5|
Triton/triton-london-2023-ev9-100k-ft.mkv|testsrc2|30000/1001|3|
Hustler Casino Live/HCL_2023-11-14_Live_Stream.mp4|testsrc2|30000/1001|6|
Hustler Casino Live/HCL 11-14-2023 Part 2.mp4|smptebars|30000/1001|3|
Hustler Casino Live/Hustler Casino Live 2024-03-22 $25-$50-$100 Cash Game.mp4|smptebars|60|2|
High Stakes Poker/High_Stakes_Poker_S10E05.mp4|testsrc2|30000/1001|4|
Poker After Dark/PAD S12 E06 Part 2.mov|smptebars|30000/1001|4|01:00:00;00
Super High Roller Bowl/Super_High_Roller_Bowl_2023_Day1.mp4|testsrc2|60|3|
Super High Roller Bowl/SHRB 2022 $300,000 Final Table.mp4|smptebars|60|5|
PokerGO Tour/PGT_2024_US_Poker_Open_Event_5_$10K_NLH_FT.mp4|testsrc2|60|2|
PokerGO Tour/PGT_2023_Ev#12_$25,000_PLO_Day2.mp4|smptebars|30000/1001|4|
APT/APT_Incheon_2023_Main_Event_Day1A.mp4|testsrc2|25|3|
APT/APT 인천 2023 메인이벤트 파이널 테이블 파트2.mp4|smptebars|25|4|
GGMillion$/GGMillion$_2023-05-14_Final_Table.mp4|testsrc2|30000/1001|3|
GGMillion$/GGMillions_2024_Ep12.mp4|smptebars|30000/1001|2|
_unsorted/clip_final_v2 (1).mp4|testsrc2|30000/1001|2|
_unsorted/IMG_2041.MOV|testsrc2|60|3|
_unsorted/Aussie_Millions_2020_Main_Event_FT.mp4|smptebars|25|3|
_unsorted/홀덤 대회 하이라이트 2023 파트1.mp4|testsrc2|30000/1001|2|
#recycle/WSOP_2022_Main_Event_Day3_old.mp4|smptebars|25|2|
EOF
)

require() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "$1 not found: $2" >&2
    exit 1
  }
}

# Bit-exact, metadata-free output: the same ffmpeg build gives the same bytes.
BITEXACT=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1)
X264=(-c:v libx264 -preset veryslow -crf 40 -g 300 -pix_fmt yuv420p -threads 1 -x264-params threads=1
  -bsf:v filter_units=remove_types=6)

# The label drawn on the frame: the path wrapped at 44 characters (at spaces
# where it can), Hangul as '?' (no glyphs in DejaVu), then rate and length.
label_for() {
  local rel=$1 rate=$2 seconds=$3
  printf '%s\n' "$rel" | perl -CSD -MText::Wrap -ne \
    'chomp; s/\p{Hangul}/?/g; $Text::Wrap::columns = 45; $Text::Wrap::huge = "wrap"; print wrap("", "", $_)'
  printf '\n%s fps, %s s' "$rate" "$seconds"
}

# make_video <index> <relative path> <pattern> <rate> <seconds> <timecode>
make_video() {
  local index=$1 rel=$2 pattern=$3 rate=$4 seconds=$5 timecode=$6
  local file="$OUT/$rel"
  local ext=${rel##*.}
  ext=${ext,,}
  local tone=$((220 + 37 * index))
  local audio_rate=22050
  local audio=(-c:a aac -b:a 16k -ac 1)
  local mux=()
  case "$ext" in
    mp4 | mov) mux=(-movflags +faststart) ;;
    mkv) ;;
    mxf)
      # MXF takes PCM, not AAC; and no B-frames, or its timestamps go backwards.
      audio_rate=48000
      audio=(-c:a pcm_s16le -ac 1)
      mux=(-bf 0)
      ;;
    *)
      echo "unsupported extension: $rel" >&2
      exit 1
      ;;
  esac
  if [[ -n $timecode ]]; then mux+=(-timecode "$timecode"); fi

  local filter=()
  if [[ -n $TEXT_DIR ]]; then
    local textfile="$TEXT_DIR/$index.txt"
    label_for "$rel" "$rate" "$seconds" >"$textfile"
    filter=(-vf "drawtext=fontfile=$FONT:textfile=$textfile:expansion=none:fontsize=11:line_spacing=2:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=3:x=6:y=h-th-8")
  fi

  mkdir -p "$(dirname "$file")"
  ffmpeg -hide_banner -nostdin -loglevel error -y \
    -f lavfi -i "$pattern=size=320x180:rate=$rate:duration=$seconds" \
    -f lavfi -i "sine=frequency=$tone:sample_rate=$audio_rate:duration=$seconds" \
    "${filter[@]}" "${X264[@]}" "${audio[@]}" "${BITEXACT[@]}" "${mux[@]}" \
    -t "$seconds" -shortest "$file"
}

require ffmpeg "apt-get install ffmpeg"
require perl "apt-get install perl"

if [[ $FONT != none && -r $FONT ]]; then
  TEXT_DIR=$(mktemp -d)
  trap 'rm -rf "$TEXT_DIR"' EXIT
  log "drawing labels with $FONT"
else
  TEXT_DIR=
  log "no font ($FONT): frames carry no text"
fi

case "$OUT" in
  "" | / | . | ..)
    echo "refusing to wipe '$OUT'" >&2
    exit 1
    ;;
esac
log "wiping $OUT"
rm -rf "$OUT"
mkdir -p "$OUT"

log "videos"
index=0
while IFS='|' read -r rel pattern rate seconds timecode; do
  [[ -z $rel ]] && continue
  index=$((index + 1))
  printf '  %s\n' "$rel"
  make_video "$index" "$rel" "$pattern" "$rate" "$seconds" "$timecode"
done <<<"$VIDEOS"

log "junk a scanner must skip"
# Finder's folder settings: binary, starts with the "Bud1" magic.
printf '\0\0\0\1Bud1\0\0\20\0\0\0\10\0' >"$OUT/.DS_Store"
cp "$OUT/.DS_Store" "$OUT/WSOP/.DS_Store"
# Windows Explorer's thumbnail cache: an OLE compound file header.
printf '\320\317\21\340\241\261\32\341\0\0\0\0\0\0\0\0' >"$OUT/WSOP/2023/Thumbs.db"
# Synology indexer: @eaDir/<video name>/ is a FOLDER named like a video.
eadir="$OUT/WSOP/2023/@eaDir/WSOP_2023_Main_Event_Day1A_Part1.mp4"
mkdir -p "$eadir"
ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=160x90:rate=1:duration=1" \
  -frames:v 1 -q:v 8 -fflags +bitexact -flags:v +bitexact -map_metadata -1 "$eadir/SYNOVIDEO_VIDEO_SCREENSHOT.jpg"
cat >"$OUT/notes.txt" <<'EOF'
Edit bay notes (not a video)
- Raw day files go under <brand>/<year>/; finals keep "FT" or "Final Table" in the name.
- Korean crew: 메인이벤트 = Main Event, 파트 = Part, 일차 = Day.
- _unsorted/ is for clips nobody has named yet.
EOF
# Git ignores .DS_Store and Thumbs.db repo-wide; the samples need them committed.
cat >"$OUT/.gitignore" <<'EOF'
# Sample junk files: committed on purpose (the scanner must skip them).
!.DS_Store
!Thumbs.db
EOF

count=$(find "$OUT" -type f | wc -l)
log "done: $count files, $(du -sh "$OUT" | cut -f1) in $OUT"
