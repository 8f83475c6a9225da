#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 70-packaging.sh - build the Debian and RPM packages from the dist tarball,
# check them with lintian and rpmlint, install the Debian packages, and run the
# installed syslog-ng with the installed module and SCL over a sample log.
#
# Steps, all in a mktemp -d work directory (the source tree is only read, or
# asked for `make dist` when it already has an in-tree build):
#   1. make the dist tarball (tests/packaging/make-dist.sh); debian/changelog
#      and rpm/tlsfeat.spec must carry the tarball's version;
#   2. dpkg-buildpackage -us -uc -b in the unpacked tarball; lintian must
#      report no error;
#   3. dpkg -i both packages (apt-get -f install for missing dependencies),
#      then check the module sits in syslog-ng's own module directory, and run
#      /usr/sbin/syslog-ng without --module-path: postfix-tls-parser() and
#      app-parser(topic(syslog)) over tests/data/postfix-3.11.6.maillog must
#      give exactly the records of tests/data/expected/postfix-3.11.6.maillog.jsonl
#      (postfix-tls-parser() also those of the draft-syntax sample), and so
#      must /usr/bin/tlsfeat-rsyslog, given those lines as rsyslog would;
#   4. remove the packages again (also when a step fails), and remove any
#      package apt-get installed for them;
#   5. rpmbuild --nodeps -ta the tarball into a private topdir; rpmlint (with
#      the filters in rpm/tlsfeat.rpmlintrc) must report no error.
# DEB_BUILD_OPTIONS defaults to "nocheck parallel=2" (make check runs before
# this suite), and with nocheck the nocheck build profile leaves the test-only
# build dependencies out; set DEB_BUILD_OPTIONS (e.g. to "parallel=2") to run
# the test suite inside the package build too.
# Needs root or sudo for dpkg. Exits non-zero on the first failed step.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
data=$top/tests/data
sample=$data/postfix-3.11.6.maillog
expected=$data/expected/postfix-3.11.6.maillog.jsonl
draft_sample=$data/postfix-3.11-20250912-nonprod.maillog
draft_expected=$data/expected/postfix-3.11-20250912-nonprod.maillog.jsonl
packages=(syslog-ng-mod-tlsfeat tlsfeat-rsyslog)
sng_version=$(pkg-config --modversion syslog-ng)
sng_next_series=$(echo "$sng_version" | awk -F. '{ print $1 "." $2 + 1 }')
export DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS-nocheck parallel=2}
case " $DEB_BUILD_OPTIONS " in
*" nocheck "*) export DEB_BUILD_PROFILES=nocheck ;;
esac

sudo=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || {
    echo "70-packaging: needs root or sudo to install the packages" >&2
    exit 1
  }
  sudo=sudo
fi

work=$(mktemp -d)
installed_by_test=()

packaging_cleanup() {
  local rc=$?
  if [ ${#installed_by_test[@]} -gt 0 ]; then
    echo "70-packaging: removing ${installed_by_test[*]}"
    $sudo dpkg -r "${installed_by_test[@]}" >/dev/null || rc=1
  fi
  rm -rf "$work"
  exit $rc
}
trap packaging_cleanup EXIT

step() {
  echo "== 70-packaging: $*"
}

fail() {
  echo "70-packaging: FAIL: $*" >&2
  exit 1
}

log_tail() {
  tail -n 40 "$1" >&2
}

package_status() {
  dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true
}

installed_names() {
  dpkg-query -W -f='${db:Status-Status} ${Package}\n' | sed -n 's/^installed //p' | sort
}

for package in "${packages[@]}"; do
  [ "$(package_status "$package")" != installed ] ||
    fail "$package is already installed on this machine; remove it before running this suite"
done

step "dist tarball"
tarball=$("$top/tests/packaging/make-dist.sh" "$work" 2>"$work/dist.log") || {
  log_tail "$work/dist.log"
  fail "make dist"
}
version=$(basename "$tarball" .tar.gz)
version=${version#tlsfeat-}
changelog_version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
spec_version=$(sed -n 's/^Version:[[:space:]]*//p' "$top/rpm/tlsfeat.spec")
[ "$changelog_version" = "$version" ] ||
  fail "debian/changelog is at $changelog_version, the tarball at $version"
[ "$spec_version" = "$version" ] ||
  fail "rpm/tlsfeat.spec is at $spec_version, the tarball at $version"
echo "$tarball"

step "dpkg-buildpackage -us -uc -b (DEB_BUILD_OPTIONS=$DEB_BUILD_OPTIONS)"
mkdir "$work/deb"
tar -C "$work/deb" -xzf "$tarball"
(cd "$work/deb/tlsfeat-$version" && dpkg-buildpackage -us -uc -b) >"$work/deb/build.log" 2>&1 || {
  log_tail "$work/deb/build.log"
  fail "dpkg-buildpackage"
}
changes=$work/deb/tlsfeat_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).changes
debs=()
for package in "${packages[@]}"; do
  debs+=("$work/deb/${package}_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).deb")
  [ -f "${debs[-1]}" ] || fail "dpkg-buildpackage made no ${debs[-1]##*/}"
done
for deb in "${debs[@]}"; do
  echo "${deb##*/}: Depends: $(dpkg-deb -f "$deb" Depends)"
  dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print "  " $6 }'
done
series_depends="syslog-ng-core (>= $sng_version), syslog-ng-core (<< $sng_next_series~)"
case "$(dpkg-deb -f "${debs[0]}" Depends)" in
*"$series_depends"*) ;;
*) fail "${debs[0]##*/} does not depend on $series_depends" ;;
esac

step "lintian"
lintian --fail-on error "$changes" || fail "lintian reports errors"

step "dpkg -i"
names_before=$(installed_names)
installed_by_test=("${packages[@]}")
if ! $sudo dpkg -i "${debs[@]}"; then
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -f install -y -q --no-install-recommends ||
    fail "apt-get -f install could not satisfy the dependencies"
fi
for package in $(comm -13 <(echo "$names_before") <(installed_names)); do
  case " ${packages[*]} " in
  *" $package "*) ;;
  *) installed_by_test=("$package" "${installed_by_test[@]}") ;;
  esac
done
for package in "${packages[@]}"; do
  [ "$(package_status "$package")" = installed ] || fail "$package did not install"
done

moduledir=$(pkg-config --variable=moduledir syslog-ng)
scldir=$(pkg-config --variable=scldir syslog-ng)
dpkg -L syslog-ng-mod-tlsfeat | grep -qx "$moduledir/libtlsfeat.so" ||
  fail "syslog-ng-mod-tlsfeat does not install $moduledir/libtlsfeat.so"
dpkg -L syslog-ng-mod-tlsfeat | grep -q "^$scldir/tlsfeat/" ||
  fail "syslog-ng-mod-tlsfeat does not install the SCL in $scldir/tlsfeat"
dpkg -L syslog-ng-mod-tlsfeat | grep -q "^$scldir/tlsfeat-siem/" ||
  fail "syslog-ng-mod-tlsfeat does not install the SCL in $scldir/tlsfeat-siem"
[ -x /usr/bin/tlsfeat-rsyslog ] || fail "tlsfeat-rsyslog does not install /usr/bin/tlsfeat-rsyslog"
registry=$(/usr/sbin/syslog-ng --module-registry 2>&1 | sed -n '/^Module: tlsfeat$/,/^$/p')
echo "$registry" | grep -qx 'Status: ok' ||
  fail "the installed syslog-ng does not load module tlsfeat from $moduledir"
echo "$registry" | grep -Eq '^ +parser +postfix-tls-parser$' ||
  fail "module tlsfeat does not register the postfix-tls-parser() parser"

config_version=$(/usr/sbin/syslog-ng --version | sed -n 's/^Config version: //p')

# syslog_ng_run NAME SAMPLE PARSER_STATEMENT [INCLUDE_LINE]: pipe SAMPLE to the
# installed syslog-ng's stdin() (it stops at the end of its input; a regular
# file on stdin cannot be polled, hence the pipe) and write one
# JSON line per message that leaves the parser to $work/NAME/records.jsonl.
syslog_ng_run() {
  local name=$1 input=$2 parser=$3 include=${4:-}
  local run=$work/$name
  mkdir "$run"
  cat >"$run/syslog-ng.conf" <<CONF
@version: $config_version
$include
options { stats-freq(0); };
source s_maillog { stdin(); };
parser p_postfix { $parser };
destination d_records {
  file("$run/records.jsonl"
       template("\$(format-json --scope none --key MESSAGE --key .postfix.*)\n"));
};
log { source(s_maillog); parser(p_postfix); destination(d_records); };
CONF
  # shellcheck disable=SC2002 # the pipe is the point: stdin() cannot poll a file
  cat "$input" | timeout 300 /usr/sbin/syslog-ng -F -e --no-caps -f "$run/syslog-ng.conf" \
    -R "$run/persist" -p "$run/pid" -c "$run/ctl" >"$run/stderr" 2>&1 || {
    log_tail "$run/stderr"
    fail "syslog-ng ($name) did not run"
  }
  [ -f "$run/records.jsonl" ] || {
    log_tail "$run/stderr"
    fail "syslog-ng ($name) wrote no records"
  }
}

step "installed syslog-ng: postfix-tls-parser() over ${sample##*/}"
syslog_ng_run parser "$sample" 'postfix-tls-parser();'
"$here/../packaging/check-records.py" "$expected" "$work/parser/records.jsonl" ||
  fail "postfix-tls-parser() output differs from ${expected##*/}"

step "installed syslog-ng: postfix-tls-parser() over ${draft_sample##*/}"
syslog_ng_run parser-draft "$draft_sample" 'postfix-tls-parser();'
"$here/../packaging/check-records.py" "$draft_expected" "$work/parser-draft/records.jsonl" ||
  fail "postfix-tls-parser() output differs from ${draft_expected##*/}"

step "installed syslog-ng: app-parser(topic(syslog)) finds the installed SCL"
syslog_ng_run app-parser "$sample" 'app-parser(topic(syslog));' '@include "scl.conf"'
"$here/../packaging/check-records.py" --skip-unparsed "$expected" \
  "$work/app-parser/records.jsonl" || fail "app-parser(topic(syslog)) output differs"

step "installed tlsfeat-rsyslog: the same delivery lines as rsyslog hands them over"
"$here/../packaging/check-records.py" --rsyslog-input "$expected" >"$work/rsyslog-input.jsonl"
/usr/bin/tlsfeat-rsyslog <"$work/rsyslog-input.jsonl" >"$work/rsyslog-answers.jsonl" ||
  fail "tlsfeat-rsyslog exited with status $?"
"$here/../packaging/check-records.py" --rsyslog "$expected" "$work/rsyslog-answers.jsonl" ||
  fail "tlsfeat-rsyslog answers differ from ${expected##*/}"

step "dpkg -r"
$sudo dpkg -r "${installed_by_test[@]}"
installed_by_test=()
for package in "${packages[@]}"; do
  [ "$(package_status "$package")" != installed ] || fail "$package is still installed"
done
[ ! -e "$moduledir/libtlsfeat.so" ] || fail "dpkg -r left $moduledir/libtlsfeat.so"

step "rpmbuild --nodeps -ta"
mkdir -p "$work/rpm"
rpmbuild --define "_topdir $work/rpm" --nodeps --nocheck -ta "$tarball" \
  >"$work/rpm/build.log" 2>&1 || {
  log_tail "$work/rpm/build.log"
  fail "rpmbuild"
}
rpms=()
for package in "${packages[@]}"; do
  rpm=$(find "$work/rpm/RPMS" -name "$package-$version-*.rpm")
  [ -n "$rpm" ] || fail "rpmbuild made no $package RPM"
  rpms+=("$rpm")
  echo "${rpm##*/}"
  rpm -qpl "$rpm" | sed 's/^/  /'
done
rpm -qp --requires "${rpms[0]}" | grep -qx "syslog-ng >= $sng_version" ||
  fail "${rpms[0]##*/} does not require syslog-ng >= $sng_version"
rpm -qp --requires "${rpms[0]}" | grep -qx "syslog-ng < $sng_next_series" ||
  fail "${rpms[0]##*/} does not require syslog-ng < $sng_next_series"

step "rpmlint"
rpmlint -r "$top/rpm/tlsfeat.rpmlintrc" "${rpms[@]}" "$work/rpm/SRPMS/"*.src.rpm ||
  fail "rpmlint reports errors"

echo "70-packaging: PASS"
