#!/usr/bin/env bash
# Writes a throw-away CA and server certificates for the transport tests into DIR (made if needed):
#   ca.pem           the test CA (trusted by the tests through ca_file)
#   server.key       the one key of every server certificate below
#   server.pem       signed by the CA for localhost and 127.0.0.1
#   wrong_host.pem   signed by the CA for wrong.example.com only
#   expired.pem      signed by the CA for localhost and 127.0.0.1, valid 2020-01-01 to 2020-01-02
#   self_signed.pem  self-signed for localhost and 127.0.0.1 (no CA trusts it)
# Usage: make_certs.sh DIR
set -euo pipefail
dir=${1:?usage: make_certs.sh DIR}
mkdir -p "$dir"
cd "$dir"
if [ -s ca.pem ] && [ -s server.pem ] && [ -s wrong_host.pem ] && [ -s expired.pem ] && [ -s self_signed.pem ]; then
    exit 0
fi
work=$(mktemp -d "$PWD/ca.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test_ca
[test_ca]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any_name
unique_subject = no
copy_extensions = none
[any_name]
commonName = supplied
[req]
distinguished_name = name
prompt = no
[name]
CN = renault-cpp test
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[wrong_host_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example.com
CNF
: > "$work/index.txt"
echo 01 > "$work/serial"

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }
ec_key "$work/ca.key"
ec_key server.key
openssl req -new -x509 -config "$work/ca.cnf" -extensions ca_ext -key "$work/ca.key" -days 3650 \
    -subj "/CN=renault-cpp test CA" -out ca.pem

sign() { # name subject extensions [openssl ca validity options...]
    local name=$1 subject=$2 ext=$3
    shift 3
    openssl req -new -key server.key -subj "/CN=$subject" -out "$work/$name.csr"
    openssl ca -batch -notext -config "$work/ca.cnf" -keyfile "$work/ca.key" -cert ca.pem \
        -extensions "$ext" -in "$work/$name.csr" -out "$name.pem" "$@" 2>/dev/null
}
sign server localhost server_ext -days 3650
sign wrong_host wrong.example.com wrong_host_ext -days 3650
sign expired localhost server_ext -startdate 20200101000000Z -enddate 20200102000000Z
openssl req -new -x509 -config "$work/ca.cnf" -extensions server_ext -key server.key -days 3650 \
    -subj "/CN=localhost" -out self_signed.pem
echo "make_certs: test certificates written to $dir"
