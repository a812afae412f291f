#!/usr/bin/env bash
# Prints "PR_NUMBER LOGIN" for the pull request that added FILE to the default branch, and the
# GitHub login of the person who submitted it; prints nothing when it cannot tell (a file
# committed directly, a deleted account).
#
# A pull request opened by the issue workflow is the bot's; its body says "Closes #N", and the
# submitter is the author of issue N.
#
# Usage: submitter.sh FILE  (in a checkout with full history; GH_TOKEN and GH_REPO set)
# FILE is a path the caller has checked (postings/<slug>.md); it only reaches git as a
# pathspec after `--`, and the API only as a commit hash.
set -euo pipefail

file=$1
commit=$(git log --diff-filter=A --format=%H -- "$file" | tail -n 1)
[ -n "$commit" ] || exit 0

pr=$(gh api "repos/$GH_REPO/commits/$commit/pulls" \
  --jq '[.[] | select(.merged_at != null)][0] // empty | "\(.number) \(.user.login)"')
[ -n "$pr" ] || exit 0
number=${pr%% *}
login=${pr#* }

if [[ "$login" == *"[bot]" ]]; then
  issue=$(gh api "repos/$GH_REPO/pulls/$number" --jq '.body // ""' \
    | grep -oE '^Closes #[0-9]+' | head -n 1 | tr -dc '0-9' || true)
  [ -n "$issue" ] || exit 0
  login=$(gh api "repos/$GH_REPO/issues/$issue" --jq '.user.login')
fi

# A login is letters, digits and single hyphens; anything else is not mentioned.
[[ "$login" =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,38})$ ]] || exit 0
echo "$number $login"
