#include <stddef.h>
#include <stdio.h>

typedef struct {
	double x;
	double y;
} vec2;
void pa_step(const double dt, const size_t i, const vec2 *acc, vec2 *vel);
double pa_norm1(int k, const vec2 *v);
void pa_clamp(unsigned int j, vec2 *p, double floor);

int main(void)
{
	vec2 acc[3] = {{1, 2}, {3, 4}, {5, 6}}, vel[3] = {{0, 0}, {1, 1}, {2, 2}};
	vec2 same[2] = {{1, 2}, {3, 4}};
	double n;

	pa_step(0.5, 1, acc, vel);	/* apart: the Rust runs */
	pa_step(2.0, 2, acc, vel);
	pa_step(1.0, 1, same, same);	/* one array: the C original runs */
	pa_step(1.0, 0, same + 1, same);	/* acc[0] and vel[0] apart inside one array */
	n = pa_norm1(1, vel) + pa_norm1(-1, vel + 2);
	pa_clamp(2, vel, 13.0);
	printf("%g %g %g %g %g %g %g %g %g %g\n", vel[1].x, vel[1].y, vel[2].x, vel[2].y, same[0].x, same[0].y,
	       same[1].x, same[1].y, n, vel[0].x);
	return !(vel[1].x == 2.5 && vel[1].y == 3 && vel[2].x == 13 && vel[2].y == 14 && same[1].x == 6 &&
		 same[1].y == 8 && same[0].x == 7 && same[0].y == 10 && n == 11 && vel[0].x == 0);
}
