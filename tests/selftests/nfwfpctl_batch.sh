#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfpctl -f: a file of commands is one transaction. A good file applies
# whole; a file with a bad line (one nfwfpctl catches, one the kernel
# refuses) changes nothing and names FILE:LINE; a process killed mid-file
# changes nothing; dynamic objects go with the socket that added them.
. /tests/lib/ktap.sh
. /tests/lib/ctl.sh

ktap_plan 30
ctl_setup

L4=outbound-transport-v4
F1=f1f1f1f1-0000-4000-8000-0000000000b1
F2=f1f1f1f1-0000-4000-8000-0000000000b2

cat > /tmp/good.nf <<EOT
# a sublayer, then filters naming it by the name line 2 gave it
sublayer add name "batch one" weight 7

filter add layer $L4 sublayer "batch one" key $F1 remote-port 80 action block   # web
filter add layer $L4 sublayer "batch one" proto udp action permit
EOT
run $ctl -f /tmp/good.nf
expect_rc "a good file applies" 0
run $ctl filter list
expect "the filter naming the sublayer by name is there" 0 -F "key $F1 sublayer "
run count_filters
expect "exactly two filters" 0 -x 2

base=$(state) || base="cannot list"


cat > /tmp/bad1.nf <<EOT
sublayer add name "batch two"
filter add layer $L4 sublayer "batch two" remote-port 81 action block
filter add layer $L4 remote-port 99999 action block
EOT
run $ctl -f /tmp/bad1.nf
expect "a bad value on line 3: usage error at bad1.nf:3" 2 -F '/tmp/bad1.nf:3: remote-port: "99999"'
expect "... and says nothing was changed" 2 -F 'nothing was changed'
same_state "nothing changed (usage error)"

cat > /tmp/bad2.nf <<EOT
sublayer add name "batch three"
filter add layer $L4 remote-port 82 action block
filter add layer $L4 key $F1 action block
EOT
run $ctl -f /tmp/bad2.nf
expect "a duplicate key on line 3: the kernel's error at bad2.nf:3" 1 \
	-F "/tmp/bad2.nf:3: add filter: File exists: FWP_E_ALREADY_EXISTS"
same_state "nothing changed (kernel error)"

# config set is not transactional in the kernel: a file's values are set
# just before the commit, so a file that fails sets none of them.
cat > /tmp/cfg1.nf <<EOT
config set inject_budget 5
filter add layer $L4 remote-port 86 action block
filter add layer $L4 remote-port 99999 action block
EOT
run $ctl -f /tmp/cfg1.nf
expect "config set, then a bad line: usage error at cfg1.nf:3" 2 -F '/tmp/cfg1.nf:3: remote-port'
budget=$(cat /sys/module/nfwfp/parameters/inject_budget)
[ "$budget" = 8 ] && ktap_ok "... and the budget is unchanged" ||
	ktap_fail "... and the budget is unchanged" "inject_budget $budget"
same_state "... and so are the filters"
cat > /tmp/cfg2.nf <<EOT
filter add layer $L4 remote-port 87 action block
config set inject_budget 6 inject_mark_mask 0x1
EOT
run $ctl -f /tmp/cfg2.nf
expect "a config set the kernel refuses aborts the file, naming the argument" 1 \
	-F '(argument "inject_mark_mask 0x1")'
same_state "... and the filter before it was not added"
cat > /tmp/cfg3.nf <<EOT
stats reset
EOT
run $ctl -f /tmp/cfg3.nf
expect "stats reset in a file is refused" 2 -F 'stats reset is not transactional'
$ctl config show > /tmp/cfg4.nf
echo "filter add layer $L4 key $F2 remote-port 88 action block" >> /tmp/cfg4.nf
$ctl config set inject_budget 3
run $ctl -f /tmp/cfg4.nf
expect_rc "config show output loads back with -f, with a filter" 0
budget=$(cat /sys/module/nfwfp/parameters/inject_budget)
[ "$budget" = 8 ] && ktap_ok "... and sets the budget back" ||
	ktap_fail "... and sets the budget back" "inject_budget $budget"
run count_filters
expect "... and adds the filter" 0 -x 3
$ctl filter delete $F2

run $ctl -f /tmp/good.nf filter list
expect "-f with a command too is a usage error" 2 -e '-f FILE takes no command'
run $ctl -f /tmp/nonexistent.nf
expect "-f of a missing file" 1 'nonexistent.nf: No such file'

# Killed mid-file: a FIFO feeds two lines, then nfwfpctl waits for more.
rm -f /tmp/fifo && mkfifo /tmp/fifo
$ctl -f /tmp/fifo > /tmp/fifo.out 2>&1 &
pid=$!
exec 3> /tmp/fifo
echo "sublayer add name killed" >&3
echo "filter add layer $L4 remote-port 83 action block" >&3
sleep 2
if kill -0 $pid 2>/dev/null; then
	ktap_ok "nfwfpctl waits for the rest of the file"
else
	sed 's/^/# /' /tmp/fifo.out
	ktap_fail "nfwfpctl waits for the rest of the file"
fi
# The file's transaction holds the engine's transaction lock, the lock a
# driver's FwpmTransactionBegin0 and every other writer take: both wait in
# it (their kernel stacks show where) until the file's socket goes.
insmod /lib/nfwfp/nfwfp_test_callout.ko verdict=permit proto=17 port=9000 > /tmp/drv.out 2>&1 &
drv=$!
$ctl sublayer add name waiting > /tmp/waiting.out 2>&1 &
wr=$!
sleep 2
in_txn_wait() {
	kill -0 "$1" 2>/dev/null && grep -q -E 'nfwfp_txn|FwpmTransactionBegin0' /proc/"$1"/stack
}
ktap_check "a driver's FwpmTransactionBegin0 waits for the file's transaction" in_txn_wait $drv
ktap_check "so does a second nfwfpctl writer" in_txn_wait $wr
kill -9 $pid
wait $pid 2>/dev/null
exec 3>&-
wait $drv
ktap_check "the driver loads once the file's socket is gone" [ $? = 0 ]
wait $wr
ktap_check "and the writer's change is made" [ $? = 0 ]
rmmod nfwfp_test_callout
$ctl sublayer delete waiting
same_state "a process killed mid-file changed nothing"
run $ctl sublayer add name after-kill
expect_rc "and the transaction lock was let go" 0
$ctl sublayer delete after-kill

# Dynamic objects live as long as the socket: the test hook keeps it open
# after the commit until its standard input closes.
cat > /tmp/dyn.nf <<EOT
sublayer add name dyn dynamic
filter add layer $L4 sublayer dyn remote-port 84 action block dynamic
EOT
rm -f /tmp/hold && mkfifo /tmp/hold
NFWFPCTL_TEST_HOLD=1 $ctl -f /tmp/dyn.nf < /tmp/hold 2> /tmp/hold.err &
pid=$!
exec 4> /tmp/hold
i=0
while ! grep -q 'committed, holding' /tmp/hold.err && [ $i -lt 50 ]; do
	sleep 0.2; i=$((i + 1))
done
run $ctl filter list
expect "a dynamic filter is there while its socket is open" 0 -F 'remote-port 84 action block context 0 dynamic'
run $ctl sublayer show dyn
expect "and its dynamic sublayer" 0 -F 'name dyn weight 0 dynamic'
exec 4>&-
wait $pid
run $ctl filter list
expect "the dynamic filter is gone with the socket" 0 -v -F 'remote-port 84'
run $ctl sublayer show dyn
expect "and the sublayer" 3 'no sublayer "dyn"'

$ctl filter flush
$ctl sublayer delete "batch one"
rm -f /tmp/fifo /tmp/hold
rmmod nfwfp
ktap_finish
