#!/usr/bin/env bash
# Remote-target benchmarks, on real sshd targets on loopback addresses (127.0.0.2-11), each with
# its own Cairn root and Nix chroot store:
#   a. copying a closure of 5,000 paths (~500 MiB) to one target: `cairn copy-closure --to`
#      against `nix-copy-closure --to` (Nix 2.8) and `tar -c | ssh tar -x` of the same files;
#   b. a 50-service model onto 10 targets: first deploy and no-op redeploy, against an Ansible
#      playbook that installs the same files and starts the same processes.
# Ratios are Cairn / peer, measured in the same run. See bench/README.md.
#
#   bash bench/remote.sh            # the full run (about 10-15 minutes on 2 cores)
#   bash bench/remote.sh --quick    # a smoke run: 200 paths, 3 targets, 9 services, 1-2 runs
#
# Environment: BENCH_DIR (default: a fresh directory under /tmp) holds the data, keys, sshd
# configurations, stores and roots, and is deleted afterwards (keep it with KEEP=1); CAIRN is the
# cairn launcher to run (default: a snapshot of this checkout's build); RUNS overrides the number
# of timed runs per command; PART=a or PART=b runs that part alone (e.g. PART=a RUNS=10 for a
# steadier copy figure).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(dirname "$here")"

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "remote.sh: unknown argument '$arg'; use --quick or nothing" >&2; exit 2 ;;
  esac
done

for tool in hyperfine jq perl nix-store nix-copy-closure ansible-playbook ssh ssh-keygen tar; do
  command -v "$tool" >/dev/null || { echo "remote.sh: '$tool' is missing; install it first" >&2; exit 1; }
done
[ -x /usr/sbin/sshd ] || { echo "remote.sh: /usr/sbin/sshd is missing (openssh-server)" >&2; exit 1; }

case "${PART:-}" in
  "" | a | b) ;;
  *) echo "remote.sh: PART is '$PART'; use a (copy-closure), b (deployments) or nothing" >&2; exit 2 ;;
esac
wanted() { [ -z "${PART:-}" ] || [ "$PART" = "$1" ]; } # wanted a|b: whether that part runs

if [ "$quick" = 1 ]; then
  paths=200 ntargets=3 nservices=9
  runs="${RUNS:-2}" first_runs="${RUNS:-1}" warmup=0
else
  paths=5000 ntargets=10 nservices=50
  runs="${RUNS:-5}" first_runs="${RUNS:-3}" warmup=1
fi
size_min=$((96 * 1024)) size_max=$((109 * 1024)) # ~102 KiB on average: ~500 MiB for 5,000
seed=20260101

name=remote.sh
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
bench_workdir remote-bench
sshd_pids=()
bench_before_cleanup() {
  # Our services first (their PID files are ours), then our sshd servers, by PID.
  "$work/stop-services.sh" all 2>/dev/null || true
  # Each sshd's connections first, which ends the ones Cairn keeps open between commands.
  for p in "${sshd_pids[@]}"; do
    pkill -P "$p" 2>/dev/null || true
    kill "$p" 2>/dev/null || true
  done
}

median() { jq -r ".results[$2].median" "$1"; }
cpu() { jq -r ".results[$2] | .user + .system" "$1"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f MiB", b / 1048576 }'; }

echo "remote.sh: $([ "$quick" = 1 ] && echo quick || echo full) run${PART:+ of part $PART only} in $work" \
  "($runs runs per command, $first_runs per first deploy, $warmup warm-up)"
echo "remote.sh: $(nix-store --version), $(ansible-playbook --version | head -1)," \
  "$(ssh -V 2>&1), $(hyperfine --version), $(nproc) cores"
bench_cairn

# ---------------------------------------------------------------------------------------------
# Targets: one sshd per loopback address 127.0.0.(i+1), a port picked at random (retried if
# taken). Its authorized_keys line gives the sessions their environment (PermitUserEnvironment),
# as SshTargets does in the tests: CAIRN_ROOT and CAIRN_STORE_DIR for the agent, and NIX_REMOTE
# (a chroot store: files under DIR/nix/store, paths /nix/store/...) and NIX_CONF_DIR (no build
# users, no sandbox) for the `nix-store --serve --write` that nix-copy-closure runs there.
# Two keys: "user" for part a (store directory /nix/store, as the Nix stores), "deploy" for part
# b, whose coordinator builds packages and so needs its store directory under its root.
# Both also set SHLVL=1. sshd runs every command through the account's login shell, and Debian's
# bash then reads ~/.bashrc when it is a top-level shell (SHLVL unset). An rc file that does real
# work (`pyenv init` took 0.5 s per command on one machine) would be paid by every ssh command of
# every tool, and the bench would measure it instead of the tools; with SHLVL=1, bash skips it.
# The notes give what that rc file costs here.

mkdir -p /run/sshd "$work/keys" "$work/nixconf"
ssh-keygen -q -t ed25519 -N "" -f "$work/keys/host"
ssh-keygen -q -t ed25519 -N "" -f "$work/keys/user"
ssh-keygen -q -t ed25519 -N "" -f "$work/keys/deploy"
printf 'build-users-group =\nsandbox = false\n' >"$work/nixconf/nix.conf"
ssh_opts="-i $work/keys/user -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
hosts=() ports=()
start_target() { # start_target I: sshd for target tI on 127.0.0.(I+1)
  local i="$1" d="$work/t$1" host="127.0.0.$(( $1 + 1 ))" port tries
  mkdir -p "$d"
  {
    printf 'environment="SHLVL=1",environment="CAIRN_ROOT=%s",environment="CAIRN_STORE_DIR=/nix/store",environment="NIX_REMOTE=%s",environment="NIX_CONF_DIR=%s" %s\n' \
      "$d/cairn" "$d/nix" "$work/nixconf" "$(cat "$work/keys/user.pub")"
    printf 'environment="SHLVL=1",environment="CAIRN_ROOT=%s",environment="CAIRN_STORE_DIR=%s" %s\n' \
      "$d/cairn" "$work/coord/store" "$(cat "$work/keys/deploy.pub")"
  } >"$d/authorized_keys"
  for tries in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 30000 ))
    cat >"$d/sshd_config" <<EOF
Port $port
ListenAddress $host
HostKey $work/keys/host
AuthorizedKeysFile $d/authorized_keys
PidFile $d/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
PermitRootLogin prohibit-password
PermitUserEnvironment yes
MaxStartups 100
MaxSessions 100
Subsystem sftp internal-sftp
EOF
    rm -f "$d/sshd.pid"
    if /usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log" && sleep 0.2 && [ -s "$d/sshd.pid" ]; then
      sshd_pids+=("$(cat "$d/sshd.pid")")
      if ssh $ssh_opts -p "$port" "root@$host" true 2>/dev/null; then
        hosts[$i]="$host" ports[$i]="$port"
        return 0
      fi
      kill "$(cat "$d/sshd.pid")" 2>/dev/null || true
    fi
  done
  echo "remote.sh: cannot start sshd on $host (see $d/sshd.log)" >&2
  exit 1
}
for i in $(seq 1 "$ntargets"); do
  start_target "$i"
done
echo "remote.sh: $ntargets sshd targets on 127.0.0.2-$(( ntargets + 1 )), ports ${ports[*]}"

export CAIRN_SSH_OPTS="$ssh_opts" CAIRN_REMOTE_COMMAND="$CAIRN"

results=() # "part;name;cairn-seconds;peer-seconds;goal-ratio;cairn-cpu;peer-cpu"
notes=()
login_shell="$(getent passwd "$(id -un)" | cut -d: -f7)"
shell_ms() { # shell_ms ENV...: milliseconds for the login shell to run `true` as sshd starts it
  local t0 t1
  t0=$(date +%s%N)
  env -i HOME="$HOME" PATH=/usr/bin:/bin SSH_CLIENT="127.0.0.1 1 22" "$@" "$login_shell" -c true </dev/null >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
notes+=("targets: the login shell ($login_shell) takes $(shell_ms) ms per ssh command with the account's rc files, $(shell_ms SHLVL=1) ms as the targets start it (SHLVL=1; see the comment above start_target)")

# ---------------------------------------------------------------------------------------------
# a. copy-closure. The same files in a Nix chroot store and a Cairn store (same store paths);
# each run copies every path to an empty receiving store (--prepare deletes it, not timed).

if wanted a; then
echo
echo "remote.sh: generating $paths paths and adding them to a Nix and a Cairn store (not timed)..."
perl -e '
  use strict;
  my ($dir, $count, $min, $max, $seed) = @ARGV;
  srand($seed);
  open(my $rnd, "<:raw", "/dev/urandom") or die "urandom: $!";
  mkdir $dir or die "$dir: $!";
  for my $i (0 .. $count - 1) {
    my $size = $min + int(rand($max - $min + 1));
    read($rnd, my $buf, $size) == $size or die "short read from urandom";
    open(my $out, ">:raw", sprintf("%s/f%05d", $dir, $i)) or die "$dir: $!";
    print $out $buf or die "write: $!";
    close($out) or die "close: $!";
  }' "$work/files" "$paths" "$size_min" "$size_max" "$seed"
mapfile -t files < <(find "$work/files" -type f | sort)
export NIX_CONF_DIR="$work/nixconf"
nix-store --store "$work/nsrc" --add "${files[@]}" >"$work/list.nix"
"$CAIRN" --root "$work/csrc" --store-dir /nix/store store add "${files[@]}" >"$work/list.cairn"
cmp -s "$work/list.nix" "$work/list.cairn" || { echo "remote.sh: cairn and nix-store --add gave different paths" >&2; exit 1; }
sort -o "$work/list" "$work/list.nix"
sed 's|^/nix/store/||' "$work/list" >"$work/names"
bytes="$(du -sb --apparent-size "$work/files" | cut -f1)"
rm -rf "$work/files"

h="${hosts[1]}" p="${ports[1]}" t1="$work/t1"
# The paths reach each command through a script (the list is more than one sh -c string holds).
cat >"$work/copy-cairn.sh" <<EOF
mapfile -t p <$(q "$work/list")
exec $cairn_cmd --root $(q "$work/csrc") --store-dir /nix/store copy-closure --to root@$h:$p "\${p[@]}" >/dev/null
EOF
# The same with a new connection for each run, as tar and Nix make: Cairn otherwise rides the
# connection its previous run left open (agent/SshTuning, as Ansible's ControlPersist). Into a
# root of its own (the remote command is shell syntax), as every command here copies into a
# directory of its own: see the comment above hyperfine_rounds below.
cat >"$work/copy-cairn-fresh.sh" <<EOF
mapfile -t p <$(q "$work/list")
CAIRN_SSH_OPTS=$(q "$ssh_opts -o ControlMaster=no") CAIRN_REMOTE_COMMAND=$(q "CAIRN_ROOT=$(q "$t1/cairn-new") $cairn_cmd") exec $cairn_cmd --root $(q "$work/csrc") --store-dir /nix/store copy-closure --to root@$h:$p "\${p[@]}" >/dev/null
EOF
cat >"$work/copy-nix.sh" <<EOF
mapfile -t p <$(q "$work/list")
NIX_SSHOPTS=$(q "$ssh_opts -p $p") NIX_REMOTE=$(q "$work/nsrc") exec nix-copy-closure --to root@$h "\${p[@]}"
EOF
# tar|ssh: the same files (the store paths' trees), from the Nix chroot store into a directory.
# Again with the cipher Cairn's sessions offer first on a processor with AES instructions
# (agent/SshTuning), so that the comparison can also be made cipher for cipher.
# Each into a directory of its own, as every command here copies into one of its own (see the
# comment above hyperfine_rounds below).
for variant in "" "-c aes128-gcm@openssh.com"; do
  into="$t1/tar${variant:+-gcm}"
  cat >"$work/copy-tar${variant:+-gcm}.sh" <<EOF
set -o pipefail
tar -C $(q "$work/nsrc/nix/store") -cf - -T $(q "$work/names") \
  | ssh $ssh_opts $variant -p $p root@$h "mkdir -p $into && tar -C $into -xf -"
EOF
done

# Check once, outside the timing, that each side really copies everything.
rm -rf "$t1/cairn" "$t1/cairn-new" "$t1/nix" "$t1/tar" "$t1/tar-gcm"
bash "$work/copy-cairn.sh"
got="$("$CAIRN" --root "$t1/cairn" --store-dir /nix/store store verify --check-contents 2>&1 | tail -1 || true)"
notes+=("copy: cairn store verify --check-contents on the target after copy-closure: $got")
bash "$work/copy-nix.sh" 2>"$work/copy-nix.log"
n_nix="$(nix-store --store "$t1/nix" -q --hash $(head -1 "$work/list") >/dev/null 2>&1 && ls "$t1/nix/nix/store" | wc -l)"
bash "$work/copy-tar.sh"
n_tar="$(ls "$t1/tar" | wc -l)"
bash "$work/copy-cairn-fresh.sh"
got_new="$("$CAIRN" --root "$t1/cairn-new" --store-dir /nix/store store verify 2>&1 | tail -1 || true)"
bash "$work/copy-tar-gcm.sh"
n_tar_gcm="$(ls "$t1/tar-gcm" | wc -l)"
notes+=("copy: $paths paths, $(mib "$bytes") of file contents; nix-copy-closure left $n_nix paths, tar $n_tar, tar with AES-GCM $n_tar_gcm; cairn's new-connection copy: $got_new")

json="$work/hf-copy.json"
echo
echo "=== a. copy a closure of $paths paths ($(mib "$bytes")) to root@$h:$p"
# In interleaved rounds whose order turns (lib.sh's hyperfine_rounds): each command deletes 5,000
# files before it writes 5,000, and what the command before it deleted, and how recently, changes
# what ext4 spends allocating inodes. So each command copies into a directory of its own and
# deletes only its own copy, made a round earlier. (When the two Cairn rows shared one root, and
# the two tar rows one directory, the second of each pair, which always ran right after its twin,
# deleted the 5,000 files the twin had just written and then ran 0.1-1.1 s slower: the shared
# connection looked slower than a new one, and tar slower with AES-GCM than with chacha20. The
# slow runs' writers spent their time in ext4's recently_deleted: without a journal, as here, ext4
# avoids reusing inodes freed shortly before and scans past them for each new file.)
hyperfine_rounds "$json" "$warmup" "$runs" \
  "cairn copy-closure" "rm -rf $(q "$t1/cairn")" "bash $(q "$work/copy-cairn.sh")" \
  "nix-copy-closure" "rm -rf $(q "$t1/nix")" "bash $(q "$work/copy-nix.sh")" \
  "tar | ssh tar" "rm -rf $(q "$t1/tar")" "bash $(q "$work/copy-tar.sh")" \
  "tar | ssh -c aes128-gcm tar" "rm -rf $(q "$t1/tar-gcm")" "bash $(q "$work/copy-tar-gcm.sh")" \
  "cairn copy-closure, new connection" "rm -rf $(q "$t1/cairn-new")" \
  "bash $(q "$work/copy-cairn-fresh.sh")"
results+=("a;copy $paths paths vs nix-copy-closure;$(median "$json" 0);$(median "$json" 1);1.0;$(cpu "$json" 0);$(cpu "$json" 1)")
results+=("a;copy $paths paths vs tar|ssh;$(median "$json" 0);$(median "$json" 2);1.3;$(cpu "$json" 0);$(cpu "$json" 2)")
results+=("a;copy $paths paths vs tar|ssh -c aes128-gcm;$(median "$json" 0);$(median "$json" 3);1.3;$(cpu "$json" 0);$(cpu "$json" 3)")
results+=("a;copy $paths paths, new connection, vs tar|ssh -c aes128-gcm;$(median "$json" 4);$(median "$json" 3);1.3;$(cpu "$json" 4);$(cpu "$json" 3)")
notes+=("copy: cairn's session offers $(grep -qw aes /proc/cpuinfo && echo "AES-GCM first (this processor has AES instructions)" || echo "ssh's default order (no AES instructions here)"); the second tar row uses AES-GCM too")
notes+=("copy: cpu is user+sys of the local side only (the coordinator, or nix-copy-closure, or tar+ssh); the receiving side runs under sshd, and so does not count the ssh connection cairn shares between runs (the last row makes its own)")
rm -rf "$t1/cairn" "$t1/cairn-new" "$t1/nix" "$t1/tar" "$t1/tar-gcm" "$work/nsrc"
fi

# ---------------------------------------------------------------------------------------------
# b. A model of N process services (each: a package of a text file and a process.json, running
# `sleep`), spread round-robin over the targets, against an Ansible playbook doing the same:
# per service, copy the same file into a directory of the target, start the same `sleep` in
# its own session with a PID file, and check that it still runs 0.3 s later (Cairn's process
# module checks the same, its default startSeconds); a second run finds everything in place.

if wanted b; then
m="$work/model"
mkdir -p "$m"
{
  echo "services:"
  for k in $(seq 1 "$nservices"); do
    cat <<EOF
  s$k:
    name: s$k
    type: process
    pkg:
      files:
        share/s$k.txt: "service s$k: $(printf 'x%.0s' $(seq 1 64))"
        etc/cairn/process.json: '{"program": "/bin/sleep", "args": ["100000"]}'
EOF
  done
} >"$m/services.yaml"
{
  for i in $(seq 1 "$ntargets"); do
    printf 't%d:\n  properties: {hostname: %s, sshAddress: "root@%s:%s"}\n  clientInterface: ssh\n  targetProperty: sshAddress\n  numOfCores: 2\n' \
      "$i" "${hosts[$i]}" "${hosts[$i]}" "${ports[$i]}"
  done
} >"$m/infrastructure.yaml"
for k in $(seq 1 "$nservices"); do
  echo "s$k: [t$(( (k - 1) % ntargets + 1 ))]"
done >"$m/distribution.yaml"

{
  echo "[targets]"
  for i in $(seq 1 "$ntargets"); do
    echo "t$i ansible_host=${hosts[$i]} ansible_port=${ports[$i]} dir=$work/t$i/ansible"
  done
  echo "[targets:vars]"
  echo "ansible_user=root"
  echo "ansible_ssh_private_key_file=$work/keys/deploy"
  echo "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR'"
  echo "ansible_python_interpreter=/usr/bin/python3"
} >"$m/inventory.ini"
{
  echo "services:"
  for i in $(seq 1 "$ntargets"); do
    printf '  t%d:' "$i"
    sep=" ["
    for k in $(seq "$i" "$ntargets" "$nservices"); do
      printf '%s"s%d"' "$sep" "$k"
      sep=", "
    done
    echo "]"
  done
} >"$m/vars.yaml"
cat >"$m/playbook.yaml" <<EOF
- hosts: targets
  gather_facts: false
  vars_files: [vars.yaml]
  tasks:
    - name: the service's directory
      ansible.builtin.file:
        path: "{{ dir }}/{{ item }}/share"
        state: directory
      loop: "{{ services[inventory_hostname] }}"
    - name: the service's files
      ansible.builtin.copy:
        dest: "{{ dir }}/{{ item }}/share/{{ item }}.txt"
        content: "service {{ item }}: $(printf 'x%.0s' $(seq 1 64))"
        mode: "0444"
      loop: "{{ services[inventory_hostname] }}"
    - name: the service's process, started unless it runs
      ansible.builtin.shell: |
        d="{{ dir }}/{{ item }}"
        if [ -f "\$d/pid" ] && kill -0 "\$(cat "\$d/pid")" 2>/dev/null; then echo running; exit 0; fi
        mkdir -p "\$d/logs"
        setsid /bin/sleep 100000 </dev/null >>"\$d/logs/{{ item }}.log" 2>&1 &
        echo \$! >"\$d/pid"
        sleep 0.3
        kill -0 "\$(cat "\$d/pid")"
        echo started
      register: started
      changed_when: "'started' in started.stdout"
      loop: "{{ services[inventory_hostname] }}"
EOF
cat >"$m/ansible.cfg" <<EOF
[defaults]
forks = $ntargets
host_key_checking = False
inventory = inventory.ini
[ssh_connection]
pipelining = True
control_path_dir = $work/ansible-cp
EOF

# stop-services.sh cairn|ansible|all: stops what a side started (by its PID files) and deletes
# its roots, so that the next first deploy starts from nothing.
cat >"$work/stop-services.sh" <<EOF
#!/usr/bin/env bash
w=$(q "$work")
kill_from() { find "\$@" -name '*.pid' -o -name pid 2>/dev/null | while read -r f; do
  p="\$(cat "\$f" 2>/dev/null)"; [ -n "\$p" ] && kill -- -"\$p" 2>/dev/null; kill "\$p" 2>/dev/null; done; true; }
case "\$1" in
  cairn | all) kill_from \$w/t*/cairn; rm -rf \$w/t*/cairn \$w/coord ;;&
  ansible | all) kill_from \$w/t*/ansible; rm -rf \$w/t*/ansible ;;
esac
EOF
chmod +x "$work/stop-services.sh"

deploy_opts="-i $work/keys/deploy -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
deploy="CAIRN_SSH_OPTS=$(q "$deploy_opts") $cairn_cmd --root $(q "$work/coord") --store-dir $(q "$work/coord/store") deploy -s $m/services.yaml -i $m/infrastructure.yaml -d $m/distribution.yaml >/dev/null 2>>$(q "$work/deploy.log")"
playbook="cd $(q "$m") && ANSIBLE_CONFIG=$(q "$m/ansible.cfg") ansible-playbook playbook.yaml >/dev/null"

# Check once that both sides start every process and that the second runs change nothing.
eval "$deploy" || { echo "remote.sh: cairn deploy failed" >&2; exit 1; }
eval "$deploy"
gens="$("$CAIRN" --root "$work/coord" --store-dir "$work/coord/store" deploy --list-generations | wc -l)"
running_cairn="$(cat "$work"/t*/cairn/targets/*/state/run/*.pid 2>/dev/null | xargs -r ps -o pid= -p | wc -l)"
(cd "$m" && ANSIBLE_CONFIG="$m/ansible.cfg" ansible-playbook playbook.yaml >"$work/ansible-1.log") \
  || { tail -30 "$work/ansible-1.log" >&2; exit 1; }
(cd "$m" && ANSIBLE_CONFIG="$m/ansible.cfg" ansible-playbook playbook.yaml >"$work/ansible-2.log")
running_ansible="$(cat "$work"/t*/ansible/*/pid | xargs -r ps -o pid= -p | wc -l)"
notes+=("deploy: after deploy + redeploy, cairn runs $running_cairn of $nservices processes, $gens generation(s);" \
  "ansible runs $running_ansible; its second run: $(grep -o 'changed=[0-9]*' "$work/ansible-2.log" | sort | uniq -c | tr -s ' ' | paste -sd, -)")

json="$work/hf-deploy.json"
echo
echo "=== b. $nservices process services onto $ntargets sshd targets: first run, then a no-op second run"
hyperfine --runs "$first_runs" --export-json "$json" --style basic \
  --prepare "$work/stop-services.sh cairn" -n "cairn deploy (first)" "$deploy" \
  --prepare "$work/stop-services.sh ansible" -n "ansible-playbook (first)" "$playbook"
results+=("b;first deploy ($nservices services, $ntargets targets) vs ansible;$(median "$json" 0);$(median "$json" 1);1.0;$(cpu "$json" 0);$(cpu "$json" 1)")
json="$work/hf-noop.json"
hyperfine --runs "$runs" --warmup "$warmup" --export-json "$json" --style basic \
  -n "cairn deploy (no-op)" "$deploy" -n "ansible-playbook (no-op)" "$playbook"
results+=("b;no-op redeploy vs ansible second run;$(median "$json" 0);$(median "$json" 1);1.0;$(cpu "$json" 0);$(cpu "$json" 1)")
noop="$(median "$json" 0)"
notes+=("deploy: no-op redeploy $(awk -v t="$noop" 'BEGIN { printf "%.3f s: %s", t, (t <= 2.0 ? "PASS" : "MISS") }') (goal <= 2 s wall)")
notes+=("deploy: ansible with forks=$ntargets, pipelining, its default ssh ControlPersist (connections reused between runs); cairn with its defaults (-m 2)")

fi

# ---------------------------------------------------------------------------------------------
# Summary.

echo
echo "Summary ($([ "$quick" = 1 ] && echo "QUICK smoke run, small data" || echo "full run")${PART:+, part $PART only};" \
  "medians of $runs runs, $first_runs for first deploys; ratio = cairn / peer; cpu = user+sys)"
printf '%-2s %-48s %9s %9s %7s %8s %8s  %-12s %s\n' '' scenario cairn peer ratio 'cpu c' 'cpu p' goal result
printf '%-2s %-48s %9s %9s %7s %8s %8s  %-12s %s\n' '' -------- ----- ---- ----- ----- ----- ---- ------
for r in "${results[@]}"; do
  IFS=';' read -r part name tc tp g cc cp <<<"$r"
  printf '%-2s %-48s %8.3fs %8.3fs %7.2f %7.2fs %7.2fs  %-12s %s\n' "$part" "$name" "$tc" "$tp" \
    "$(awk -v c="$tc" -v p="$tp" 'BEGIN { print c / p }')" "$cc" "$cp" "ratio <= $g" \
    "$(awk -v c="$tc" -v p="$tp" -v g="$g" 'BEGIN { print (c / p <= g ? "PASS" : "MISS") }')"
done
echo
for n in "${notes[@]}"; do
  echo "note: $n"
done
printf 'note: load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
