#ifndef TYPES_H
#define TYPES_H

typedef unsigned int u32;
typedef u32 ino_t;

#define NAME_LEN 16
#define NAME_BUF (NAME_LEN + 1)
#define INO_MAX ((ino_t)~0U)
#define IS_ROOT(i) ((i)->ino == ROOT_INO)
#define ROOT_INO 1

enum kind { K_FILE, K_DIR = 4 };

struct list { struct list *next, *prev; };

struct dentry {
	char name[NAME_BUF];
	struct inode *inode;
	struct list link;
};

struct inode {
	ino_t ino;
	enum kind kind;
	struct dentry *parent;
	union {
		u32 size;
		u32 nlink;
	};
	unsigned flags : 3;
};

typedef struct {
	u32 used, total;
} stats_t;

struct unused_type { int x; };

extern stats_t global_stats;

#endif
