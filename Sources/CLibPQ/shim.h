#ifndef MQ_CLIBPQ_SHIM_H
#define MQ_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
