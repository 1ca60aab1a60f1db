struct rec { char *name; int n; };
void rec_remember(struct rec *r);
void rec_clear(struct rec *r);
int rec_tick(struct rec *r);
int *counter_bump(int inc);
int counter_read(const int *p);
