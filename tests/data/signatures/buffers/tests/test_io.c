#include <unistd.h>
#include <sys/types.h>
int put_byte(char c);
int put_pair(int a);
long stamp(void);
long wall(void);
int depth(void);
int twice(int a);
int put_global(void);
int put_through(ssize_t (*out)(int, const void *, size_t), char c);
int put_via_sink(char c);

int main(void)
{
	return !(put_byte('x') == 1 && put_pair(7) == 2 && stamp() == 1 && wall() == 1 && depth() == 1 &&
		 twice(3) == 3 && put_global() == 1 && put_through(write, 'z') == 1 && put_via_sink('w') == 1);
}
