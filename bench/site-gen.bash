# shellcheck shell=bash
# The generated sites of the benchmarks (sourced by bench/build.sh and bench/plan.sh): GUESTS guests, kickstart
# installs with one 10 GiB disk each in pool default, spread over NETWORKS NAT networks.
gen_site() { # gen_site GUESTS NETWORKS FILE [MEMORY_OF_GUEST_0]
  local guests=$1 nets=$2 file=$3 mem0=${4:-} per=$(( ($1 + $2 - 1) / $2 ))
  {
    echo "site: bench"
    echo "storage_pools: [{name: default, type: dir, path: /var/lib/libvirt/images}]"
    echo "networks:"
    for ((n = 0; n < nets; n++)); do
      local a=$((n / 128)) b=$(( (n % 128) * 2 ))
      printf '  - {name: n%d, mode: nat, cidr: 10.%d.%d.0/23, dhcp: {start: 10.%d.%d.200, end: 10.%d.%d.250, static: {start: 10.%d.%d.10, end: 10.%d.%d.100}}}\n' \
        "$n" "$a" "$b" "$a" $((b + 1)) "$a" $((b + 1)) "$a" "$b" "$a" $((b + 1))
    done
    echo "common: {memory: 1024, root_password: bench, disks: [{pool: default, size: 10}], install: {method: kickstart, location: 'http://10.0.0.1/rhel9/'}}"
    echo "guests:"
    for ((g = 0; g < guests; g++)); do
      if [ "$g" = 0 ] && [ -n "$mem0" ]; then
        printf '  - {name: g%d, memory: %d, interfaces: [{network: n%d}]}\n' "$g" "$mem0" $((g / per))
      else
        printf '  - {name: g%d, interfaces: [{network: n%d}]}\n' "$g" $((g / per))
      fi
    done
  } > "$file"
}
