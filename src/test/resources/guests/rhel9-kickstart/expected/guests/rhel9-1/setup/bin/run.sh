#!/bin/sh
# A setup script of rhel9-1: miniascape unpacks it into /root/setup/bin/run.sh.
echo "set up rhel9-1.net-1.lab.example"
