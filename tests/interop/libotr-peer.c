/*
 * A minimal OTR peer on libotr 4.x (an independent, spec-compliant implementation), driven over
 * stdin/stdout one line at a time. Payloads are hex so any byte survives the pipe.
 *
 *   usage: libotr-peer <dir>     (keeps its private key and instance tag in <dir>)
 *
 * commands                     output lines
 *   query                      wire <hex>          the default OTR query message
 *   recv <hex>                 wire <hex> ...      anything libotr answers
 *                              msg <hex>           a message for the user (decrypted or plain)
 *   send <hex>                 wire <hex> ...      the message, encrypted when private
 *   smp <hexsecret> [<hexq>]   wire <hex> ...      start SMP (with a question if given)
 *   smpans <hexsecret>         wire <hex> ...      answer the peer's SMP
 *   end                        wire <hex> ...      disconnect (TLV 1)
 *   forget                                         drop all contexts: the next AKE starts afresh
 *   maxsize <n>                                    fragment our messages to n characters
 *   policy default                                 pidgin-otr's default policy from now on (whitespace tags,
 *                                                  a new query in answer to every OTR error)
 * events: ready <fp>, secure <peer fp>, insecure, still_secure, smp <what> [<hexq>],
 *         msgevent <n> [<hex text>], ok (after every command, so the driver knows the command is done)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gcrypt.h>
#include <libotr/proto.h>
#include <libotr/userstate.h>
#include <libotr/message.h>
#include <libotr/privkey.h>
#include <libotr/instag.h>

#define ACCOUNT "libotr"
#define PROTOCOL "rc"
#define PEER "node"

static OtrlUserState us;
static int max_size = 0;
static OtrlPolicy policy = OTRL_POLICY_ALLOW_V2 | OTRL_POLICY_ALLOW_V3;

static void print_hex(const char *tag, const unsigned char *data, size_t len) {
  printf("%s ", tag);
  for (size_t i = 0; i < len; i++) printf("%02x", data[i]);
  printf("\n");
}

/* msgevent <n> <hex text>: the text libotr would show its user (e.g. an OTR error's words). */
static void print_hex_event(int event, const char *text) {
  printf("msgevent %d ", event);
  for (const char *c = text; *c; c++) printf("%02x", (unsigned char)*c);
  printf("\n");
}

static char *from_hex(const char *hex) {
  size_t n = strlen(hex) / 2;
  char *out = malloc(n + 1);
  for (size_t i = 0; i < n; i++) {
    unsigned int byte;
    sscanf(hex + 2 * i, "%2x", &byte);
    out[i] = (char)byte;
  }
  out[n] = '\0';
  return out;
}

static OtrlPolicy cb_policy(void *opdata, ConnContext *context) {
  (void)opdata; (void)context;
  return policy;
}
static int cb_is_logged_in(void *o, const char *a, const char *p, const char *r) {
  (void)o; (void)a; (void)p; (void)r;
  return 1;
}
static void cb_inject(void *o, const char *a, const char *p, const char *r, const char *message) {
  (void)o; (void)a; (void)p; (void)r;
  print_hex("wire", (const unsigned char *)message, strlen(message));
}
static void cb_update_context_list(void *o) { (void)o; }
static void cb_new_fingerprint(void *o, OtrlUserState u, const char *a, const char *p, const char *n, unsigned char fp[20]) {
  (void)o; (void)u; (void)a; (void)p; (void)n; (void)fp;
}
static void cb_write_fingerprints(void *o) { (void)o; }
static void cb_gone_secure(void *o, ConnContext *context) {
  (void)o;
  char human[OTRL_PRIVKEY_FPRINT_HUMAN_LEN];
  otrl_privkey_hash_to_human(human, context->active_fingerprint->fingerprint);
  printf("secure ");
  for (char *c = human; *c; c++) if (*c != ' ') putchar(*c);
  printf("\n");
}
static void cb_gone_insecure(void *o, ConnContext *c) { (void)o; (void)c; printf("insecure\n"); }
static void cb_still_secure(void *o, ConnContext *c, int is_reply) { (void)o; (void)c; (void)is_reply; printf("still_secure\n"); }
static int cb_max_message_size(void *o, ConnContext *c) { (void)o; (void)c; return max_size; }
static const char *cb_account_name(void *o, const char *account, const char *p) { (void)o; (void)p; return account; }
static void cb_account_name_free(void *o, const char *n) { (void)o; (void)n; }
static const char *cb_error_message(void *o, ConnContext *c, OtrlErrorCode code) {
  (void)o; (void)c; (void)code;
  return strdup("libotr-peer could not read that");
}
static void cb_error_message_free(void *o, const char *m) { (void)o; free((void *)m); }
static void cb_smp_event(void *o, OtrlSMPEvent event, ConnContext *c, unsigned short pct, char *question) {
  (void)o; (void)pct;
  switch (event) {
    case OTRL_SMPEVENT_ASK_FOR_ANSWER:
      print_hex("smp question", (const unsigned char *)question, strlen(question));
      break;
    case OTRL_SMPEVENT_ASK_FOR_SECRET: printf("smp ask\n"); break;
    case OTRL_SMPEVENT_SUCCESS: printf("smp success\n"); break;
    case OTRL_SMPEVENT_FAILURE: printf("smp failure\n"); break;
    case OTRL_SMPEVENT_ABORT: printf("smp abort\n"); break;
    case OTRL_SMPEVENT_CHEATED:
    case OTRL_SMPEVENT_ERROR:
      printf("smp error\n");
      otrl_message_abort_smp(us, NULL, NULL, c);
      break;
    default: break;
  }
}
static void cb_msg_event(void *o, OtrlMessageEvent event, ConnContext *c, const char *m, gcry_error_t err) {
  (void)o; (void)c; (void)err;
  if (m) print_hex_event((int)event, m);
  else printf("msgevent %d\n", (int)event);
}
static void cb_create_instag(void *o, const char *a, const char *p) { (void)o; (void)a; (void)p; }

static OtrlMessageAppOps ops = {
  .policy = cb_policy,
  .is_logged_in = cb_is_logged_in,
  .inject_message = cb_inject,
  .update_context_list = cb_update_context_list,
  .new_fingerprint = cb_new_fingerprint,
  .write_fingerprints = cb_write_fingerprints,
  .gone_secure = cb_gone_secure,
  .gone_insecure = cb_gone_insecure,
  .still_secure = cb_still_secure,
  .max_message_size = cb_max_message_size,
  .account_name = cb_account_name,
  .account_name_free = cb_account_name_free,
  .otr_error_message = cb_error_message,
  .otr_error_message_free = cb_error_message_free,
  .handle_smp_event = cb_smp_event,
  .handle_msg_event = cb_msg_event,
  .create_instag = cb_create_instag,
};

static ConnContext *context(void) {
  return otrl_context_find(us, PEER, ACCOUNT, PROTOCOL, OTRL_INSTAG_BEST, 0, NULL, NULL, NULL);
}

static void do_send(const char *text) {
  char *out = NULL;
  gcry_error_t err = otrl_message_sending(us, &ops, NULL, ACCOUNT, PROTOCOL, PEER, OTRL_INSTAG_BEST, text, NULL, &out,
                                          OTRL_FRAGMENT_SEND_ALL, NULL, NULL, NULL);
  if (err) printf("senderror %u\n", (unsigned)err);
  otrl_message_free(out);
}

static void do_recv(const char *wire) {
  char *out = NULL;
  OtrlTLV *tlvs = NULL;
  int internal = otrl_message_receiving(us, &ops, NULL, ACCOUNT, PROTOCOL, PEER, wire, &out, &tlvs, NULL, NULL, NULL);
  if (!internal) {
    const char *text = out ? out : wire;
    print_hex("msg", (const unsigned char *)text, strlen(text));
  }
  otrl_tlv_free(tlvs);
  otrl_message_free(out);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  setvbuf(stdout, NULL, _IOLBF, 0);
  OTRL_INIT;
  us = otrl_userstate_create();
  char keyfile[4096], tagfile[4096];
  snprintf(keyfile, sizeof keyfile, "%s/otr.private_key", argv[1]);
  snprintf(tagfile, sizeof tagfile, "%s/otr.instance_tags", argv[1]);
  if (otrl_privkey_read(us, keyfile)) otrl_privkey_generate(us, keyfile, ACCOUNT, PROTOCOL);
  if (otrl_instag_read(us, tagfile)) otrl_instag_generate(us, tagfile, ACCOUNT, PROTOCOL);
  char human[OTRL_PRIVKEY_FPRINT_HUMAN_LEN];
  if (!otrl_privkey_fingerprint(us, human, ACCOUNT, PROTOCOL)) return 3;
  printf("ready ");
  for (char *c = human; *c; c++) if (*c != ' ') putchar(*c);
  printf("\n");

  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, stdin)) > 0) {
    if (line[len - 1] == '\n') line[len - 1] = '\0';
    char *arg = strchr(line, ' ');
    if (arg) *arg++ = '\0';
    char *arg2 = arg ? strchr(arg, ' ') : NULL;
    if (arg2) *arg2++ = '\0';

    if (!strcmp(line, "query")) {
      char *q = otrl_proto_default_query_msg(ACCOUNT, cb_policy(NULL, NULL));
      print_hex("wire", (const unsigned char *)q, strlen(q));
      free(q);
    } else if (!strcmp(line, "recv") && arg) {
      char *wire = from_hex(arg);
      do_recv(wire);
      free(wire);
    } else if (!strcmp(line, "send") && arg) {
      char *text = from_hex(arg);
      do_send(text);
      free(text);
    } else if ((!strcmp(line, "smp") || !strcmp(line, "smpans")) && arg && context()) {
      char *secret = from_hex(arg);
      if (!strcmp(line, "smpans")) {
        otrl_message_respond_smp(us, &ops, NULL, context(), (unsigned char *)secret, strlen(secret));
      } else if (arg2) {
        char *question = from_hex(arg2);
        otrl_message_initiate_smp_q(us, &ops, NULL, context(), question, (unsigned char *)secret, strlen(secret));
        free(question);
      } else {
        otrl_message_initiate_smp(us, &ops, NULL, context(), (unsigned char *)secret, strlen(secret));
      }
      free(secret);
    } else if (!strcmp(line, "end")) {
      otrl_message_disconnect_all_instances(us, &ops, NULL, ACCOUNT, PROTOCOL, PEER);
    } else if (!strcmp(line, "forget")) {
      otrl_context_forget_all(us);
    } else if (!strcmp(line, "maxsize") && arg) {
      max_size = atoi(arg);
    } else if (!strcmp(line, "policy") && arg && !strcmp(arg, "default")) {
      policy = OTRL_POLICY_DEFAULT;
    } else {
      printf("unknown %s\n", line);
    }
    printf("ok\n");
  }
  free(line);
  otrl_userstate_free(us);
  return 0;
}
