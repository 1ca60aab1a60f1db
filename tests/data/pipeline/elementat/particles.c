/* Functions reading or writing one element `p[k]` of pointer parameters, `k` an index parameter they never
 * change (rule element-at): each pointer is a reference to that element, made by the C ABI entry from
 * `p + k`; two that may be one array are checked for overlap at run time (their elements' bytes). */
#include <stddef.h>

typedef struct {
	double x;
	double y;
} vec2;

void pa_step(const double dt, const size_t idx, const vec2 *acc, vec2 *vel)
{
	/* acc and vel may be one array: the C original runs then */
	vel[idx].x = vel[idx].x + acc[idx].x * dt;
	vel[idx].y = vel[idx].y + acc[idx].y * dt;
}

double pa_norm1(int pos, const vec2 *v)
{
	/* a signed index, read only */
	double ax = v[pos].x < 0 ? -v[pos].x : v[pos].x;
	double ay = v[pos].y < 0 ? -v[pos].y : v[pos].y;
	return ax + ay + pos;
}

void pa_clamp(unsigned int index, vec2 *p, double floor)
{
	/* written on every call, read on some */
	p[index].y = p[index].y < floor ? floor : p[index].y;
	if (p[index].x < floor)
		p[index].x = floor;
}
